import CaseloadCore
import Foundation
import PostgresNIO

/// The administrator's side of who may sync: a worker's login on the hub
/// made (or its password reset) and ended. Run by the hub's owner.
extension Hub {
    /// Lets `login` sync with the hub in `role`, with `password`, or with a
    /// new one made here when none is given; returns the password, which
    /// the hub keeps only as a SCRAM verifier. Granting a login again gives
    /// it the new password and role, and restores it if its access had ended.
    public func grant(login: String, role: WorkerRole, password: String?, adminPassword: String?) async throws -> String {
        try Self.checkLogin(login)
        let secret = password ?? Self.newPassword()
        guard secret.count >= 8 else {
            throw CaseloadError.invalid("a hub password needs at least 8 characters")
        }
        try await withConnection(password: adminPassword) { connection, logger in
            try await connection.run("SELECT hub_grant(\(login), \(role.rawValue), \(secret))", logger: logger)
        }
        return secret
    }

    /// Ends `login`'s access: the hub refuses its next call, and its open
    /// sessions are closed. The server's role is left (other hubs on the
    /// same server may grant it); `grant` restores the access.
    public func revoke(login: String, adminPassword: String?) async throws {
        try Self.checkLogin(login)
        try await withConnection(password: adminPassword) { connection, logger in
            try await connection.run("SELECT hub_revoke(\(login))", logger: logger)
        }
    }

    /// A hub login is a role on the server: PostgreSQL's own are `pg_`.
    static func checkLogin(_ login: String) throws {
        guard login.range(of: "^[a-z0-9._-]{1,63}$", options: .regularExpression) != nil else {
            throw CaseloadError.invalid("\(SafeText.inline(login)) cannot be a hub login: use their login in the store "
                + "(1 to 63 lowercase letters, digits, dots, hyphens or underscores)")
        }
        guard !login.hasPrefix("pg_") else {
            throw CaseloadError.invalid("\(login) cannot be a hub login: names starting pg_ are the server's own")
        }
    }

    /// Twenty letters and digits, leaving out those easily misread (0 O 1 l I)
    /// since it is read off a screen and typed in: over 110 bits.
    static func newPassword() -> String {
        let symbols = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in symbols.randomElement(using: &generator)! })
    }
}
