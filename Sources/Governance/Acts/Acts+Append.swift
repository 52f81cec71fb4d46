public import EventLog

/// What `record`, `import` and the server's forms share when they append one built act: whether it is new,
/// recorded already, or an identical money act without a voucher; and what a one-draft append came to.
extension ActDraft {
    public enum Standing: Sendable, Equatable {
        /// Not recorded yet: append it.
        case new
        /// This very act is recorded already, as event `seq`: nothing to write.
        case recorded(seq: UInt64)
        /// A money act given no voucher identical to event `seq`: a second act cannot be told from a re-run, so
        /// it is refused (`Msg.record.identical`) unless `--again`.
        case identicalWithoutVoucher(seq: UInt64)
    }

    public var standing: Standing {
        guard let seq = recordedAs else { return .new }
        return lacksVoucher ? .identicalWithoutVoucher(seq: seq) : .recorded(seq: seq)
    }
}

extension Acts {
    /// The event an append of one act's draft came to, and whether this append wrote it (false: the same key
    /// was recorded before).
    public static func outcome(of result: AppendResult) -> (seq: UInt64, appended: Bool) {
        switch result.outcomes.first {
        case .appended(let seq, _)?: (seq, true)
        case .duplicate(let original)?: (original, false)
        case nil: preconditionFailure("an append of one draft has one outcome")
        }
    }

    /// The event an act is recorded as when its append was refused only because another actor recorded the very
    /// same act (same key, differing in the actor alone): it is recorded, nothing to add. Nil for any other error.
    public static func recordedByAnother(_ error: any Error) -> UInt64? {
        if case EventLogError.idempotencyConflict(_, _, let original, let differing) = error, differing == ["actor"] { return original }
        return nil
    }
}
