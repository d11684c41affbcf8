import ArgumentParser
import CaseloadStore
import Foundation

struct WhereCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "where",
        abstract: "Show where the store is and whether it exists.")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .customLong("path-only"), help: "Print only the path.")
    var pathOnly = false

    func run() throws {
        let path = Session.storePath(global.values)
        if pathOnly { return Output.line(path) }
        let exists = FileManager.default.fileExists(atPath: path)
        Output.line("\(path) (\(exists ? "exists" : "not created yet"))")
        if exists { StoreLocation.permissionWarnings(path: path).forEach(Output.line) }
    }
}
