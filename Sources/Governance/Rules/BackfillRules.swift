import EventLog
import Messages

extension Rules {
    /// A backfill declares exactly the events recorded just before it with it (in practice: its own commit), 1 to
    /// `Limits.batchEventsMax` of them, none of them another declaration, under the id `backfill:<firstSeq>`.
    static func checkBackfill(_ declared: BackfillDeclared, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let source = Cite.the("Schemas/events/backfill.declared.v1.schema.json", Msg.late.rule.rangeWhy)
        let first = declared.firstSeq, last = declared.lastSeq
        guard event.seq > 1, last == event.seq - 1, first >= 1, first <= last, last - first < UInt64(Limits.batchEventsMax),
              declared.backfill == "backfill:\(first)" else {
            throw RuleViolation(Msg.late.rule.backfillRange,
                                Msg.late.rule.backfillRangeDetail(["seq": .number(event.seq), "first": .number(first), "last": .number(last),
                                                                   "max": .number(Limits.batchEventsMax), "expected": .number(event.seq > 0 ? event.seq - 1 : 0)]),
                                source: source)
        }
        for seq in first...last {
            guard let entry = try tables.event(seq: seq) else { throw Rules.damaged("event \(seq), declared by the backfill \(event.seq), cannot be read") }
            guard entry.recordedAt == event.recordedAt, entry.type != "backfill.declared" else {
                throw RuleViolation(Msg.late.rule.backfillRange,
                                    Msg.late.rule.backfillEntryDetail(["entry": .number(seq), "recorded": .plain(entry.recordedAt.description),
                                                                       "seq": .number(event.seq), "declared": .plain(event.recordedAt.description)]),
                                    source: source)
            }
        }
    }

    static func evolveBackfill(_ declared: BackfillDeclared, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        try tables.put(StateTable.backfills, key: StateTable.seqBytes(event.seq),
                       value: BackfillRecord(firstSeq: declared.firstSeq, lastSeq: declared.lastSeq, reason: declared.reason).bytes)
    }
}
