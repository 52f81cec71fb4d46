import ArgumentParser

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "The policies the rules use: built-in statute floors and one per seed document.",
        subcommands: [PolicyList.self, PolicyShow.self, PolicyDefine.self])
}
