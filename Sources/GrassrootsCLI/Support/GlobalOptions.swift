import ArgumentParser
import EventLog
import Foundation
import Governance
import Messages

/// Options every command that touches a ledger accepts.
struct GlobalOptions: ParsableArguments {
    enum CodingKeys: String, CodingKey { case ledger, mapSizeMax, lang }

    @Option(name: .long, help: ArgumentHelp(
        "The ledger directory (default: $GRASSROOTS_LEDGER, else ./grassroots.ledger).", valueName: "path"))
    var ledger: String?

    @Option(name: .long, help: ArgumentHelp(
        "The largest size, in bytes, the ledger's map may grow to (at least 1 MiB); an append that needs more is refused whole. A value below the ledger's current map size (`stats` shows it) is refused, naming both: a map does not shrink.",
        valueName: "bytes"))
    var mapSizeMax: Int = 1 << 40

    @Option(name: .long, help: ArgumentHelp(
        "The language to print in: zh (中文) or en (default: $GRASSROOTS_LANG, else $LANG: zh for zh_*, English for another language, Chinese when none is set).",
        valueName: "zh|en"))
    var lang: String?

    /// Set from the root command's `--ledger` (before the subcommand) when this one has none.
    var parentLedger: String?
    /// Set from the root command's `--lang` when this one has none.
    var parentLang: String?

    /// The reader's language, or why none could be chosen.
    func resolvedLanguage() throws(Language.Unknown) -> Language {
        try Language.resolve(flag: lang ?? parentLang, environment: ProcessInfo.processInfo.environment)
    }

    /// The reader's language (`runReportingErrors` has refused an unknown one before the command ran).
    var language: Language {
        switch Result(catching: { () throws(Language.Unknown) -> Language in
            try Language.resolve(flag: lang ?? parentLang, environment: ProcessInfo.processInfo.environment)
        }) {
        case .success(let language): language
        case .failure: Reading.fallbackLanguage
        }
    }

    var ledgerPath: String {
        if let ledger { return ledger }
        if let parentLedger { return parentLedger }
        if let environment = ProcessInfo.processInfo.environment["GRASSROOTS_LEDGER"], !environment.isEmpty { return environment }
        return "./grassroots.ledger"
    }

    func validate() throws {
        guard mapSizeMax >= 1 << 20 else {
            throw ValidationError(Msg.usage.mapSizeMin(["given": .number(mapSizeMax)]).local)
        }
    }

    /// Options for opening the ledger, the clock included: `$GRASSROOTS_RECORDED_AT` (a UTC instant in
    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ` form) fixes `recordedAt`, for reproducible tests and imports: in a debug
    /// build on every ledger, in a release build only on a test-clock ledger (`init --test-clock`).
    func ledgerOptions(readOnly: Bool = false) throws -> LedgerOptions {
        var options = LedgerOptions()
        options.mapSizeMaxBytes = mapSizeMax
        options.mapSizeInitialBytes = min(64 << 20, mapSizeMax)
        options.readOnly = readOnly
        options.hook = GovernanceHook()
        options.rebuildProgress = { done, total in Terminal.progress("rebuilding projections", done: done, total: total) }
        if let fixed = ProcessInfo.processInfo.environment["GRASSROOTS_RECORDED_AT"] {
            guard let instant = Timestamp(iso: fixed) else {
                throw CLIError.badInput("GRASSROOTS_RECORDED_AT=\(fixed) is not a UTC instant like 2026-01-31T08:00:00.000000Z")
            }
            options.requestedRecordedAt = instant
        }
        // Salts of sealed values derived from a seed, for reproducible test ledgers: honoured where a recorded
        // time set from outside is (a debug build, or a test-clock ledger); random everywhere else.
        if let seed = ProcessInfo.processInfo.environment["GRASSROOTS_SALT_SEED"], !seed.isEmpty { options.requestedSaltSeed = seed }
        #if DEBUG
        options.requestedRecordedAtScope = .everyLedger
        #else
        options.requestedRecordedAtScope = .testClockLedgersOnly
        #endif
        return options
    }

    /// What a command does with the ledger.
    enum Access {
        /// Reads only: opened read-only (`MDB_RDONLY`), never written, projections never rebuilt.
        case reading
        /// Appends or rebuilds: opened for writing; projections of an older version are rebuilt on open.
        case writing
    }

    /// Opens the ledger. What the ledger notes about how it is read (no lock file, a scratch rebuild) is
    /// printed on stderr as it arises, so that an answer is never mistaken for one from an ordinary open.
    func openLedger(for access: Access) throws -> Ledger {
        var options = try ledgerOptions(readOnly: access == .reading)
        options.onNote = { note in Terminal.note(note.text.local) }
        let ledger = try Ledger.open(at: ledgerPath, options: options)
        Terminal.clearProgress()
        return ledger
    }
}

/// A subcommand that opens a ledger: `--ledger` may stand before it (on the root) or after it.
protocol LedgerCommand: ParsableCommand {
    var options: GlobalOptions { get }
    var root: Grassroots { get }
}

extension LedgerCommand {
    var global: GlobalOptions {
        var merged = options
        merged.parentLedger = root.ledger
        merged.parentLang = root.lang
        Reading.language = merged.language
        return merged
    }
}

extension LedgerNote {
    /// In the reader's language.
    var text: Text {
        let m = Msg.commands
        switch self {
        case .openedWithoutLock(let path, let reason): return m.openedWithoutLock(["path": .plain(path), "reason": .plain(reason)])
        case .readInFormat1(let path): return m.readInFormat1(["path": .plain(path)])
        case .logMigrated(let path, let events): return m.logMigrated(["path": .plain(path), "events": .number(events)])
        case .merkleTreeBuilt(let path, let events): return m.merkleTreeBuilt(["path": .plain(path), "events": .number(events)])
        case .readWithoutMerkleTree(let path, let formatVersion):
            return m.readWithoutMerkleTree(["path": .plain(path), "format": .number(formatVersion)])
        case .projectionsRebuiltAside(let path, let stored, let current, let scratch):
            return m.projectionsRebuiltAside(["path": .plain(path), "stored": .plain(stored), "current": .plain(current), "scratch": .plain(scratch)])
        }
    }
}
