import CaseloadCore
import Foundation

/// Where a team's hub is: a standard PostgreSQL URL,
/// `postgresql://LOGIN@HOST:PORT/DATABASE?sslmode=MODE`. The password is
/// never part of what is kept: it comes from `PGPASSWORD`, `~/.pgpass`, or
/// the person at the keyboard (`HubPassword`).
public struct HubAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode` says it:
    /// `prefer` (the default) uses TLS when the server offers it.
    public enum TLSMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    public let host: String
    public let port: Int
    public let user: String
    public let database: String
    public let tls: TLSMode
    /// A password written in the URL itself: used for this connection only, never kept.
    public let password: String?

    public init(parsing text: String, defaultUser: String) throws {
        let example = "postgresql://LOGIN@HOST:5432/caseload?sslmode=prefer"
        guard let url = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              ["postgresql", "postgres"].contains(url.scheme?.lowercased() ?? "") else {
            throw CaseloadError.invalid("\(SafeText.inline(text)) is not a hub address; it looks like \(example)")
        }
        guard let host = url.host, !host.isEmpty else {
            throw CaseloadError.invalid("the hub address names no server; it looks like \(example)")
        }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw CaseloadError.invalid("the hub address names no database (the part after the port); it looks like \(example)")
        }
        var mode = TLSMode.prefer
        for item in url.queryItems ?? [] {
            guard item.name == "sslmode" else {
                throw CaseloadError.invalid("the hub address takes only sslmode after the ?; \(SafeText.inline(item.name)) is not known")
            }
            // libpq's stricter modes check the certificate too: all of them require TLS here.
            switch item.value ?? "" {
            case "disable": mode = .disable
            case "allow", "prefer": mode = .prefer
            case "require", "verify-ca", "verify-full": mode = .require
            default:
                throw CaseloadError.invalid("sslmode \(SafeText.inline(item.value ?? "")) is not known; use disable, prefer or require")
            }
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = url.user.flatMap { $0.removingPercentEncoding } ?? defaultUser
        self.database = database
        self.tls = mode
        self.password = url.password.flatMap { $0.removingPercentEncoding }
    }

    /// The address as it is shown and kept: never with a password.
    public var description: String {
        let login = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        return "postgresql://\(login)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}

/// The hub password, found as PostgreSQL's own tools find it.
public enum HubPassword {
    /// The URL's own, else `PGPASSWORD`, else the first matching line of
    /// `PGPASSFILE` or `~/.pgpass` (host:port:database:user:password, `*`
    /// for any, `\` before a `:` or `\` in a field). A `.pgpass` that others
    /// can read is ignored, as libpq ignores it.
    public static func find(for address: HubAddress, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String? {
        if let password = address.password { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path = environment["PGPASSFILE"] ?? (environment["HOME"].map { $0 + "/.pgpass" } ?? "")
        guard !path.isEmpty, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 { return nil }
        let wanted = [address.host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
