import ArgumentParser

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
        subcommands: [Init.self, Append.self, Log.self, Export.self, Backup.self, Verify.self, Stats.self, PolicyCommand.self, PayrollCommand.self, Erase.self, Rebuild.self, Check.self, Units.self, Groups.self, Find.self, Roster.self, PersonCommand.self, Funds.self, Trail.self, ExplainCommand.self, AuditCommand.self, Alerts.self, Demo.self, Subsidies.self, Assets.self,
                      KeyCommand.self, CheckpointCommand.self, Prove.self, WitnessCommand.self, AccountCommand.self, Serve.self]
    )

    /// `grassroots --ledger PATH <subcommand>`; the subcommand's own `--ledger` wins when both are given.
    @Option(name: .long, help: ArgumentHelp("The ledger directory.", valueName: "path"))
    var ledger: String?

    /// `grassroots --lang en <subcommand>`; the subcommand's own `--lang` wins.
    @Option(name: .long, help: ArgumentHelp("The language to print in: zh or en.", valueName: "zh|en"))
    var lang: String?
}
