import ArgumentParser
import Foundation
import Messages

@main
struct Grassroots: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grassroots",
        abstract: "An append-only, tamper-evident ledger of grassroots governance records, stored in LMDB.",
        discussion: """
            Every act is appended as an immutable, hash-chained event. The ledger is a directory \
            (data.mdb, lock.mdb): --ledger PATH, else $GRASSROOTS_LEDGER, else ./grassroots.ledger. \
            --ledger may stand before or after the subcommand.

            Commands that only read (log, export, stats, verify, the queries, audit, policy show) open \
            the ledger read-only and never write it; on a copy whose lock.mdb is not writable (chmod a-w) \
            they read without the lock file and say so on stderr.

            Exit codes:
              0   success (verify: the ledger is whole)
              1   storage or system failure (I/O, map full)
              2   bad input (malformed NDJSON, invalid field)
              3   refused by a rule (governance, version, key)
              4   integrity failure (verify, check name it)
              5   ledger missing, existing, not a ledger, read-only
                  (for a write), or projections to rebuild
              64  command-line usage error

            Checkpoints and witnesses (key, checkpoint, prove, witness, verify --checkpoint):
              3   witness add-checkpoint: the proof is from another size than the
                  one the witness holds (C2SP tlog-witness 409); ask for one from it
              4   a signature that does not verify, a consistency proof that fails,
                  a rollback or a rewrite below a signed checkpoint
            """,
        version: "0.1.0",
        subcommands: [Init.self, Append.self, Record.self, Correct.self, Template.self, Import.self, Log.self, Export.self, Backup.self, Verify.self, Stats.self, PolicyCommand.self, PayrollCommand.self, Erase.self, Rebuild.self, Check.self, Units.self, Groups.self, Find.self, Roster.self, PersonCommand.self, Funds.self, Trail.self, ExplainCommand.self, AuditCommand.self, Alerts.self, Demo.self, Subsidies.self, Assets.self,
                      KeyCommand.self, CheckpointCommand.self, Prove.self, WitnessCommand.self, AccountCommand.self, Serve.self]
    )

    /// `grassroots --ledger PATH <subcommand>`; the subcommand's own `--ledger` wins when both are given.
    @Option(name: .long, help: ArgumentHelp("The ledger directory.", valueName: "path"))
    var ledger: String?

    /// `grassroots --lang en <subcommand>`; the subcommand's own `--lang` wins.
    @Option(name: .long, help: ArgumentHelp("The language to print in: zh or en.", valueName: "zh|en"))
    var lang: String?
}

extension Grassroots {
    /// swift-argument-parser's `main`, with its usage errors (exit 64) said in the reader's language: the
    /// parser writes them in English, so the words around them and its common messages are translated from
    /// the catalog (`Msg.usage`). Help and version requests, and every other error, go through the parser as
    /// before.
    static func main() {
        Reading.language = UsageWords.language(in: Array(CommandLine.arguments.dropFirst())) ?? Reading.fallbackLanguage
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if !(error is ExitCode), exitCode(for: error) == .validationFailure, Reading.language == .zh {
                let message = fullMessage(for: error)
                if !message.isEmpty {
                    FileHandle.standardError.write(Data((UsageWords.translate(message) + "\n").utf8))
                    Foundation.exit(ExitCode.validationFailure.rawValue)
                }
            }
            exit(withError: error)
        }
    }
}

/// Translating the parser's usage errors.
enum UsageWords {
    /// The language `--lang` names on the command line, before the options are parsed (nil: none, or one the
    /// program does not speak, which the options' own check then refuses).
    static func language(in arguments: [String]) -> Language? {
        var flag: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { break }
            if argument == "--lang", index + 1 < arguments.count { flag = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { flag = String(argument.dropFirst("--lang=".count)) }
        }
        do {
            return try Language.resolve(flag: flag, environment: ProcessInfo.processInfo.environment)
        } catch {
            return nil
        }
    }

    /// The parser's full message (an `Error: ` line, a `Usage: ` line, a `See '...' for more information.`
    /// line) in Chinese: its frame always, its message where the catalog knows its form (else as written).
    static func translate(_ full: String) -> String {
        let words = Msg.usage
        return full.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("Error: ") { return words.error(["message": .plain(message(String(line.dropFirst("Error: ".count))))]).rendered(.zh) }
            if line.hasPrefix("Help: ") { return words.help(["help": .plain(String(line.dropFirst("Help: ".count)).trimmingCharacters(in: .whitespaces))]).rendered(.zh) }
            if line.hasPrefix("Usage: ") { return words.usage(["usage": .plain(String(line.dropFirst("Usage: ".count)))]).rendered(.zh) }
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("See '"), trimmed.hasSuffix("' for more information.") {
                let command = trimmed.dropFirst("See '".count).dropLast("' for more information.".count)
                return String(line.prefix { $0 == " " }) + words.seeHelp(["command": .plain(String(command))]).rendered(.zh)
            }
            return String(line)
        }.joined(separator: "\n")
    }

    /// One of the parser's messages in Chinese, when it has a form the catalog knows.
    static func message(_ english: String) -> String {
        let words = Msg.usage
        let forms: [(prefix: String, message: Message, key: String)] = [
            ("Unknown option '", words.unknownOption, "option"), ("Missing expected argument '", words.missingArgument, "argument"),
            ("Missing value for '", words.missingValue, "option"), ("Unexpected argument '", words.unexpectedArgument, "argument"),
            ("Duplicate option '", words.duplicateOption, "option"),
        ]
        for form in forms where english.hasPrefix(form.prefix) {
            let rest = english.dropFirst(form.prefix.count)
            guard let close = rest.firstIndex(of: "'") else { continue }
            let tail = rest[rest.index(after: close)...]
            return Text(form.message, [form.key: .plain(String(rest[..<close]))]).rendered(.zh) + tail
        }
        // The value 'x' is invalid for '--option <v>'[: reason]
        if english.hasPrefix("The value '"), let middle = english.range(of: "' is invalid for '") {
            let value = english[english.index(english.startIndex, offsetBy: "The value '".count)..<middle.lowerBound]
            let rest = english[middle.upperBound...]
            if let close = rest.firstIndex(of: "'") {
                var tail = String(rest[rest.index(after: close)...])
                if let choices = tail.range(of: ". Please provide one of "), tail.hasSuffix(".") {
                    let listed = tail[choices.upperBound..<tail.index(before: tail.endIndex)].replacingOccurrences(of: " or ", with: ", ")
                    tail = "。" + words.oneOf(["choices": .plain(listed)]).rendered(.zh)
                }
                return words.invalidValue(["value": .plain(String(value)), "option": .plain(String(rest[..<close]))]).rendered(.zh) + tail
            }
        }
        return english
    }
}
