public import ArgumentParser
import CanonicalJSON
import EventLog
import Foundation
import Governance
import Messages
import Reports

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "The accounts `grassroots serve` lets in: who may record for which units, from when.",
        discussion: """
            A grant (account.granted) and a revocation (account.revoked) are events of the chain, so reviewers \
            see who could record what (`grassroots log --stream account:NAME`). Passwords are kept outside the \
            chain, hashed with PBKDF2-HMAC-SHA256 and a salt of their own, in passwords.json in the ledger \
            directory (Schemas/STORAGE.md). A password is read from --password-file, else from the first line \
            of standard input; never give it on the command line.
            """,
        subcommands: [AccountAdd.self, AccountGrantCommand.self, AccountRevoke.self, AccountPasswd.self, AccountList.self])
}

/// Options shared by the commands that record a grant.
struct GrantOptions: ParsableArguments {
    @Option(help: ArgumentHelp("clerk (经办人: records acts for its units) or reviewer (审阅人: reads only).", valueName: "clerk|reviewer"))
    var role: AccountRole

    @Option(name: .customLong("unit"), help: ArgumentHelp("A unit it acts for, with every unit and group below it (its id or exact name); repeat for more.", valueName: "unit"))
    var units: [String] = []

    @Option(help: ArgumentHelp("The grant holds from this date (default: today).", valueName: "YYYY-MM-DD"))
    var from: LocalDate?

    @Option(help: ArgumentHelp("Why, e.g. the appointing document (任命文件); no personal data.", valueName: "text"))
    var note: String?

    @Option(help: "Who records the grant (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    func validate() throws {
        guard !units.isEmpty else { throw ValidationError(Msg.serve.needsUnit.local) }
    }
}

extension AccountRole: ExpressibleByArgument {
    init?(argument: String) {
        self.init(rawValue: argument)
    }
}

/// How the account commands read passwords and record grants.
enum AccountSupport {
    /// What `account add` and `account grant` say once the grant is recorded.
    static func printGranted(_ account: String, _ grant: GrantOptions, _ granted: (seq: UInt64, units: [String], date: LocalDate), store: PasswordStore) {
        Terminal.write(Msg.serve.accountGranted([
            "account": .plain(account), "role": .plain((Msg.serve.role[grant.role.rawValue] ?? Msg.serve.revoked).local),
            "units": .list(granted.units.map { .plain($0) }), "date": .date(granted.date.description), "seq": .number(granted.seq),
            "path": .plain(store.path),
        ]).local + "\n")
    }

    /// The password store of the ledger; in a debug build `$GRASSROOTS_PASSWORD_ITERATIONS` lowers the PBKDF2
    /// rounds of new passwords (tests only; a release build always uses `PasswordStore.iterationsDefault`).
    static func store(_ global: GlobalOptions) -> PasswordStore {
        #if DEBUG
        if let text = ProcessInfo.processInfo.environment["GRASSROOTS_PASSWORD_ITERATIONS"], let rounds = Int(text), rounds >= PasswordStore.iterationsMin {
            return PasswordStore(ledgerPath: global.ledgerPath, iterations: rounds)
        }
        #endif
        return PasswordStore(ledgerPath: global.ledgerPath)
    }

    /// The first line of `--password-file`, else of standard input.
    static func password(file: String?) throws -> String {
        let line: String?
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.said(Msg.serve.passwordFileUnreadable(["path": .plain(file), "reason": .plain("no such readable file")]), .badInput)
            }
            line = String(decoding: data.prefix(PasswordStore.passwordBytesMax + 2), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
        } else {
            line = readLine(strippingNewline: true)
        }
        guard let line, !line.isEmpty else { throw CLIError.said(Msg.serve.noPassword(), .badInput) }
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
        do {
            try PasswordStore.check(password: password)
        } catch {
            throw CLIError.said(error.text, .badInput)
        }
        return password
    }

    static func account(_ name: String) throws -> String {
        do {
            return try PasswordStore.accountID(name)
        } catch {
            throw CLIError.said(error.text, .badInput)
        }
    }

    static func actor(_ given: String?) -> String {
        let environment = ProcessInfo.processInfo.environment
        return given ?? environment["GRASSROOTS_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
    }

    /// Records one account event; returns its seq.
    static func record(_ ledger: Ledger, type: String, date: LocalDate, actor: String, data: JSONObject) throws -> UInt64 {
        let request: JSONValue = ["type": .string(type), "effectiveDate": .string(date.description), "actor": .string(actor), "data": .object(data)]
        let draft: EventDraft
        do {
            draft = try GovernanceRequests.draft(from: request, defaultActor: actor)
        } catch {
            throw CLIError.badInput("\(error)")
        }
        do {
            let result = try ledger.append([draft])
            return result.headSeq
        } catch let error as EventLogError {
            throw CLIError(AppendWords.failure(error, lineNumbers: [], committed: AppendProgress()))
        }
    }

    /// Records the grant; returns its seq and the units' ids.
    static func grant(_ ledger: Ledger, account: String, _ options: GrantOptions) throws -> (seq: UInt64, units: [String], date: LocalDate) {
        let units = try options.units.map { try Lookup.resolve(ledger, $0, as: .unit, atSeq: nil) }
        var data: JSONObject = ["account": .string(account), "role": .string(options.role.rawValue), "units": .array(units.map { .string($0) })]
        if let note = options.note { data.set("note", .string(note)) }
        let date = options.from ?? LocalDate.today()
        return (try record(ledger, type: "account.granted", date: date, actor: actor(options.actor), data: data), units, date)
    }

    static func store(error: PasswordStoreError) -> CLIError { .said(error.text, .failure) }
}

struct AccountAdd: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Grant a new account its role and units, and set its password (from --password-file or standard input).")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var grant: GrantOptions

    @Argument(help: "The login name: 1 to 64 letters, digits, '-', '_' or '.'.")
    var name: String

    @Option(help: ArgumentHelp("Read the password from the first line of this file (default: standard input).", valueName: "file"))
    var passwordFile: String?

    func run() throws {
        try runReportingErrors(global) {
            let account = try AccountSupport.account(name)
            let store = AccountSupport.store(global)
            let ledger = try global.openLedger(for: .writing)
            do {
                guard try store.load()[account] == nil else { throw CLIError.said(Msg.serve.accountExists(["account": .plain(account)]), .refused) }
            } catch let error as PasswordStoreError {
                throw AccountSupport.store(error: error)
            }
            let password = try AccountSupport.password(file: passwordFile)
            let granted = try AccountSupport.grant(ledger, account: account, grant)
            do {
                try store.set(account: account, password: password)
            } catch let error as PasswordStoreError {
                throw AccountSupport.store(error: error)
            }
            AccountSupport.printGranted(account, grant, granted, store: store)
        }
    }
}

struct AccountGrantCommand: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant", abstract: "Record a new grant for an account (its role and units from --from on); the password stays.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots
    @OptionGroup var grant: GrantOptions

    @Argument(help: "The login name.")
    var name: String

    func run() throws {
        try runReportingErrors(global) {
            let account = try AccountSupport.account(name)
            let store = AccountSupport.store(global)
            let ledger = try global.openLedger(for: .writing)
            let granted = try AccountSupport.grant(ledger, account: account, grant)
            AccountSupport.printGranted(account, grant, granted, store: store)
        }
    }
}

struct AccountRevoke: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Revoke an account from a date on (account.revoked) and remove its password.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: "The login name.")
    var name: String

    @Option(help: ArgumentHelp("Why (撤销原因); no personal data.", valueName: "text"))
    var reason: String

    @Option(help: ArgumentHelp("Revoked from this date (default: today).", valueName: "YYYY-MM-DD"))
    var from: LocalDate?

    @Option(help: "Who records the revocation (default: $GRASSROOTS_ACTOR, else $USER).")
    var actor: String?

    func run() throws {
        try runReportingErrors(global) {
            let account = try AccountSupport.account(name)
            let store = AccountSupport.store(global)
            let ledger = try global.openLedger(for: .writing)
            guard try ledger.query(AccountGrantQuery(account: account, latest: true)) != nil else {
                throw CLIError.said(Msg.serve.unknownAccount(["account": .plain(account)]), .badInput)
            }
            let date = from ?? LocalDate.today()
            let seq = try AccountSupport.record(ledger, type: "account.revoked", date: date, actor: AccountSupport.actor(actor),
                                                data: ["account": .string(account), "reason": .string(reason)])
            do {
                try store.remove(account: account)
            } catch let error as PasswordStoreError {
                throw AccountSupport.store(error: error)
            }
            Terminal.write(Msg.serve.accountRevoked(["account": .plain(account), "date": .date(date.description), "seq": .number(seq),
                                                     "path": .plain(store.path)]).local + "\n")
        }
    }
}

struct AccountPasswd: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "passwd", abstract: "Set a granted account's password (from --password-file or standard input).")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Argument(help: "The login name.")
    var name: String

    @Option(help: ArgumentHelp("Read the password from the first line of this file (default: standard input).", valueName: "file"))
    var passwordFile: String?

    func run() throws {
        try runReportingErrors(global) {
            let account = try AccountSupport.account(name)
            let store = AccountSupport.store(global)
            let ledger = try global.openLedger(for: .reading)
            guard try ledger.query(AccountGrantQuery(account: account, latest: true))?.role != nil else {
                throw CLIError.said(Msg.serve.unknownAccount(["account": .plain(account)]), .badInput)
            }
            let password = try AccountSupport.password(file: passwordFile)
            do {
                try store.set(account: account, password: password)
            } catch let error as PasswordStoreError {
                throw AccountSupport.store(error: error)
            }
            Terminal.write(Msg.serve.passwordChanged(["account": .plain(account), "path": .plain(store.path)]).local + "\n")
        }
    }
}

struct AccountList: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The accounts with a password, and the grant in force for each today.")

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    @Flag(help: "Print as JSON.")
    var json = false

    func run() throws {
        try runReportingErrors(global) {
            let store = AccountSupport.store(global)
            let ledger = try global.openLedger(for: .reading)
            let accounts: [String]
            do {
                accounts = try store.load().keys.sorted()
            } catch let error as PasswordStoreError {
                throw AccountSupport.store(error: error)
            }
            let grants = try accounts.map { account in (account, try ledger.query(AccountGrantQuery(account: account))) }
            if json {
                Terminal.write(CanonicalJSON.string(.array(grants.map { account, grant in
                    var o: JSONObject = ["account": .string(account), "role": .string(grant?.role?.rawValue ?? "none")]
                    o.set("units", .array((grant?.units ?? []).map { .string($0) }))
                    if let grant { o.set("since", .string(grant.since.description)); o.set("seq", .integer(Int64(grant.seq))) }
                    return .object(o)
                })) + "\n")
                return
            }
            guard !grants.isEmpty else {
                Terminal.write(Msg.serve.noAccounts.local + "\n")
                return
            }
            let s = Msg.serve
            var table = Table([Column(s.columnAccount), Column(s.columnRole), Column(s.columnUnits), Column(s.columnSince)])
            for (account, grant) in grants {
                table.add([.text(account), .text((grant?.role.flatMap { s.role[$0.rawValue] } ?? s.revoked).local),
                           .text((grant?.units ?? []).joined(separator: ",")), .text(grant.map { Dates.display($0.since.description, Reading.language) } ?? "")])
            }
            Terminal.write(table.text(Reading.language))
        }
    }
}
