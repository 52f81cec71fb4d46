import ArgumentParser
import EventLog
import Foundation
import Governance
import Messages

struct Erase: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase a person's personal data from every file of the ledger directory (个人信息保护法 第四十七条).",
        discussion: """
            Records a person.erased event, then removes the person's name, birth date, sex and the other \
            personal values kept out of the chain (Schemas/PERSONAL.md) from the sealed-value store, which is \
            rewritten compacted so that no file of the ledger directory holds them. The chain keeps their \
            salted commitments, so verify, export and tools/verify_export.py still pass; queries show the \
            person as erased. Refused (exit 3) while the retention period of a money record naming the person \
            runs (the policy in force: 30 years under the built-in floors, 会计档案管理办法 第十四条). Lists the \
            events of an earlier version that keep the person's data in the chain, where it cannot be erased. \
            Backups and exports made before still hold what they held. Run again after a crash to finish.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: "The person: their id (person:p-0001) or exact name.")
    var person: String

    @Option(help: "Why (recorded in the chain: no personal data), e.g. 本人申请删除.")
    var reason: String

    @Option(help: ArgumentHelp("The erasure's date (default: the day it is recorded, in Beijing time; never after it).", valueName: "YYYY-MM-DD"))
    var date: LocalDate?

    @Option(help: "The actor recorded on the event (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    func run() throws {
        try runReportingErrors(global) {
            let ledger = try global.openLedger(for: .writing)
            let person = try Lookup.resolve(ledger, self.person, as: .person, atSeq: nil)
            let before = try ledger.query(ErasurePlanQuery(person: person))
            let words = Msg.personal
            if let seq = before.erasedBy {
                // Erased before: finish what a crash may have cut short.
                let left = try ledger.sealedCount(before.commitments)
                if left > 0 {
                    let erasure = try ledger.eraseSealed(before.commitments)
                    Terminal.write(words.finished(["person": .plain(person), "seq": .number(seq), "removed": .number(erasure.removed)]).local + "\n")
                } else {
                    Terminal.write(words.nothingLeft(["person": .plain(person), "seq": .number(seq)]).local + "\n")
                }
                Terminal.write(Erase.keptText(before))
                return
            }
            let environment = ProcessInfo.processInfo.environment
            let who = actor ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            let draft: EventDraft
            do {
                draft = try PersonErased(person: person, reason: reason).draft(on: date ?? BeijingTime.day(ledger.clock.now()), actor: who)
            } catch {
                throw CLIError.badInput("\(error)")
            }
            let result = try ledger.append([draft])
            let erasure = try ledger.eraseSealed(before.commitments)
            Terminal.write(words.erased(["person": .plain(person), "seq": .number(result.headSeq), "removed": .number(erasure.removed),
                                         "count": .number(before.commitments.count)]).local + "\n")
            Terminal.write(Erase.keptText(before))
            Terminal.write(words.backupsNote.local + "\n")
        }
    }

    /// The events of an earlier version that keep the person's personal data in the chain, one per line.
    static func keptText(_ plan: ErasurePlan) -> String {
        let words = Msg.personal
        guard !plan.keptInChain.isEmpty else { return words.noneKeptInChain(["person": .plain(plan.person)]).local + "\n" }
        return words.keptInChain(["person": .plain(plan.person), "count": .number(plan.keptInChain.count)]).local + "\n"
            + plan.keptInChain.map { kept in
                words.keptLine(["seq": .number(kept.seq), "type": .plain(kept.type), "version": .number(kept.version),
                                "fields": .plain(kept.fields.joined(separator: ", "))]).local + "\n"
            }.joined()
    }
}
