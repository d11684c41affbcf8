import CaseloadCore
import Foundation

/// Moments as the store writes them: UTC "yyyy-MM-dd HH:mm:ss.SSS", the
/// format GRDB uses for Date, so text sorts in time order. Formatting by hand
/// is for the demo, which writes millions of rows.
enum StoreTime {
    static func text(epochMilliseconds ms: Int64) -> String {
        let seconds = Int(ms / 1000)
        let day = Day(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let second = ((seconds % 86_400) + 86_400) % 86_400
        let millis = Int(((ms % 1000) + 1000) % 1000)
        var out = day.iso
        out.reserveCapacity(23)
        out += " "
        out += two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60) + "."
        out += millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return out
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
