import CNCursesW
import Foundation
import Synchronization

/// The signal that asked the front end to stop (SIGTERM, SIGHUP, SIGINT), if any.
let pendingSignal = Atomic<Int32>(0)

/// Makes sure the terminal is given back however Caseload ends: a stop
/// request is noted for the main loop to end cleanly; a crash restores the
/// terminal before the process dies as it would have.
enum TerminalSignals {
    static func install() {
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            signal(sig) { number in pendingSignal.store(number, ordering: .relaxed) }
        }
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { number in
                endwin()
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }
}
