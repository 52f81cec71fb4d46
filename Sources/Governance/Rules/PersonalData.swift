import CanonicalJSON
import EventLog
import Messages

/// Persons' personal data (Schemas/PERSONAL.md): a version-2 registration keeps its name, birth date and sex
/// out of the chain (the log seals them), so the register holds only their commitments; an erasure
/// (`person.erased`) marks the person erased, and is refused while a retention period runs.
///
/// Nothing here that `evolve` writes depends on a sealed value: a replay (which has no sealed-value store)
/// must make the writes the append made, and an erased person's past acts must replay unchanged. Only
/// checks, which run on append, open commitments (`Tables.unseal`).
extension Rules {
    /// Money events read for one person's retention hold.
    static let retentionEventsMax = 100_000
    /// The money events that are accounting records about a person (会计凭证): a retention hold counts them.
    static let moneyTypes: Set<String> = ["subsidy.accrued", "bonus.awarded", "deduction.applied", "payment.made", "payment.reversed"]

    static func evolvePersonV2(_ person: PersonRegisteredV2, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let sealed = PersonRecord.Sealed(name: person.name, birthDate: person.birthDate, sex: person.sex)
        try tables.put(StateTable.persons, key: StateTable.key(person.person),
                       value: PersonRecord(since: event.effectiveDate, birthDate: nil, sex: nil, sealed: sealed, erasedBy: nil).bytes)
        try tables.put(StateTable.residence, key: StateTable.history(person.person, date: event.effectiveDate, seq: event.seq),
                       value: Residence(group: person.group, votingRights: person.votingRights).bytes)
    }

    static func evolveErasure(_ erased: PersonErased, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        guard var record = try tables.person(erased.person) else { throw damaged("\(erased.person) is erased but not registered") }
        record.erasedBy = event.seq
        try tables.put(StateTable.persons, key: StateTable.key(erased.person), value: record.bytes)
    }

    /// A person's birth date as a check can read it.
    enum BirthDate {
        /// Not registered (the reference check refuses the act).
        case unregistered
        case known(LocalDate)
        /// A version-2 registration's that cannot be opened: erased by `erasedBy`, or (nil) the store is missing.
        case unreadable(erasedBy: UInt64?)
    }

    /// A person's birth date, for a check: a version-1 registration's from the register, a version-2
    /// registration's opened from the sealed-value store.
    static func readBirthDate<T: TableTransaction & ~Copyable>(of person: String, tables: borrowing Tables<T>) throws -> BirthDate {
        guard let record = try tables.person(person) else { return .unregistered }
        if let birthDate = record.birthDate { return .known(birthDate) }
        guard let sealed = record.sealed, let text = try tables.unseal(sealed.birthDate), let date = LocalDate(iso: text) else {
            return .unreadable(erasedBy: record.erasedBy)
        }
        return .known(date)
    }

    /// The refusal of an act whose check needs a birth date that cannot be read.
    static func birthDateUnavailable(_ person: String) -> RuleViolation {
        RuleViolation(Msg.personal.birthDateUnavailable, Msg.personal.birthDateDetail(["person": .plain(person)]),
                      source: Cite.the(Msg.personal.sealedSchema.en))
    }

    /// An erasure: of a person not erased before, dated no later than the day it is recorded (Beijing time),
    /// and not while the retention period of a money record naming the person runs (the policy in force for
    /// the group the person lives in on the erasure's date).
    static func checkErasure(_ erased: PersonErased, _ event: RecordedEvent, tables: borrowing HookTables) throws {
        let date = event.effectiveDate
        guard let record = try tables.person(erased.person) else { return }  // the reference check refuses it
        if let seq = record.erasedBy {
            throw RuleViolation(Msg.personal.alreadyErased, Msg.personal.alreadyErasedDetail(["person": .plain(erased.person), "seq": .number(seq)]),
                                source: Cite.the("Schemas/events/person.erased.v1.schema.json"))
        }
        let recorded = beijingDate(event.recordedAt)
        if let recorded, date > recorded {
            throw RuleViolation(Msg.personal.erasureDatedAhead,
                                Msg.personal.datedAheadDetail(["date": .date(date.description), "recorded": .date(recorded.description)]),
                                source: Cite.the("Schemas/events/person.erased.v1.schema.json"))
        }
        guard let group = try tables.residence(of: erased.person, on: date)?.group else { return }
        let policy = try tables.policyInForce(group: group, on: date)
        guard let retention = policy.retention else { return }
        var latest: LocalDate?
        var count = 0
        var types: [String] = []
        for seq in try tables.events(concerning: erased.person, in: 1..<event.seq, limit: retentionEventsMax) {
            guard let money = try tables.event(seq: seq), moneyTypes.contains(money.type),
                  money.data["person"]?.stringValue == erased.person else { continue }
            count += 1
            if !types.contains(money.type) { types.append(money.type) }
            if latest.map({ money.effectiveDate > $0 }) ?? true { latest = money.effectiveDate }
        }
        guard let latest, let until = LocalDate(year: latest.year + Int(retention.moneyRecordsYears), month: 12, day: 31), date <= until,
              let from = LocalDate(year: until.year + 1, month: 1, day: 1) else { return }
        throw RuleViolation(Msg.personal.retentionHold,
                            Msg.personal.retentionDetail(["person": .plain(erased.person), "count": .number(count), "types": .list(types.map { .plain($0) }),
                                                          "latest": .date(latest.description), "years": .number(retention.moneyRecordsYears),
                                                          "until": .date(until.description), "from": .date(from.description),
                                                          "date": .date(date.description)]),
                            source: Cite.policy(retention.source, policy.origin("retention")))
    }

    /// The calendar day of `instant` in Beijing (UTC+8).
    static func beijingDate(_ instant: Timestamp) -> LocalDate? {
        let shifted = Timestamp(microsecondsSinceEpoch: instant.microsecondsSinceEpoch + 8 * 3_600_000_000)
        return LocalDate(iso: String(shifted.description.prefix(10)))
    }
}
