import ArgumentParser
import CanonicalJSON
import EventLog
import Messages
import Foundation
import Governance

struct PolicyDefine: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "define",
        abstract: "Record a policy document of your own (policy.defined), to adopt with policy.adopted.",
        discussion: """
            Reads a policy document (Schemas/policy.v4.schema.json) from FILE and appends one policy.defined \
            event carrying it, effective --date (default: today). The rules check it as any act: a valid \
            document, a new id, an extends chain of known policies. The documents in policies/ (provincial \
            implementations, a 2026 statute template) are ready to define; their unconfirmed values are listed \
            by `grassroots policy show`. A policy once defined never changes: define a new id to revise it.
            """)

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: "The policy document, a JSON file (- for standard input).")
    var file: String

    @Option(help: ArgumentHelp("The effective date (default: today).", valueName: "YYYY-MM-DD"))
    var date: LocalDate?

    @Option(help: "The actor recorded on the event (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    func run() throws {
        try runReportingErrors(global) {
            let bytes: Data
            do {
                bytes = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError.badInput("cannot read \(file): \(error.localizedDescription)")
            }
            guard bytes.count <= PolicyDefine.documentBytesMax else {
                throw CLIError.badInput("\(file) is \(bytes.count) bytes; a policy document is at most \(PolicyDefine.documentBytesMax)")
            }
            let document: JSONObject
            do {
                guard case .object(let object) = try JSONParser.parse(Array(bytes)) else {
                    throw CLIError.badInput("\(file) is not a JSON object")
                }
                document = object
            } catch let error as JSONParseError {
                throw CLIError.badInput("\(file): \(error)")
            }
            guard let id = document["id"]?.stringValue else { throw CLIError.badInput("\(file) has no \"id\" (policy:...)") }
            let environment = ProcessInfo.processInfo.environment
            let who = actor ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            let draft: EventDraft
            do {
                draft = try PolicyDefined(policy: id, document: document).draft(on: date ?? LocalDate.today(), actor: who)
            } catch {
                throw CLIError.badInput("\(file): \(error)")
            }
            let ledger = try global.openLedger(for: .writing)
            let result = try ledger.append([draft])
            Terminal.write(Msg.commands.policyDefined(["id": .plain(id), "seq": .number(result.headSeq)]).local + "\n")
        }
    }

    /// The largest policy document read.
    static let documentBytesMax = 256 * 1024
}
