import CaseloadCore
import PostgresNIO

/// A hub's failures in plain words, each with what to do; never the
/// server's SQL.
enum HubProblem {
    static func words(for error: any Error, address: HubAddress) -> any Error {
        if error is CaseloadError { return error }
        guard let problem = error as? PSQLError else {
            return CaseloadError.conflict("the hub at \(address) could not be reached (\(error)); check the address and the network, then try again")
        }
        let state = problem.serverInfo?[.sqlState] ?? ""
        switch (problem.code, state) {
        case (_, "28P01"), (_, "28000"):
            return CaseloadError.notAllowed("the hub at \(address) refused the password for \(address.user); "
                + "set PGPASSWORD or a line in ~/.pgpass, or ask the hub's administrator")
        case (_, "3D000"):
            return CaseloadError.notFound("the hub server has no database \(address.database); ask its administrator to create it")
        case (_, "42501"):
            return CaseloadError.notAllowed("\(address.user) may not do that on the hub at \(address); ask the hub's administrator")
        case (.connectionError, _), (.serverClosedConnection, _), (.sslUnsupported, _):
            return CaseloadError.conflict("the hub at \(address) could not be reached; check the address and the network, then try again")
        default:
            let message = problem.serverInfo?[.message].map { ": \($0)" } ?? ""
            return CaseloadError.conflict("the hub at \(address) refused the request\(message)")
        }
    }
}
