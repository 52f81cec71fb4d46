public import ArgumentParser
import EventLog

/// Dates on the command line (`--as-of`, `--date`, `--from`, `--to`) are parsed once, as `LocalDate`: a
/// value that is not a real calendar date `YYYY-MM-DD` is a usage error (exit 64) naming the value and
/// the option, e.g. "The value '2023-02-30' is invalid for '--as-of <YYYY-MM-DD>'".
extension LocalDate: ExpressibleByArgument {
    init?(argument: String) {
        self.init(iso: argument)
    }
}
