import ArgumentParser
import Foundation
import Governance
import Messages

/// `grassroots template ACT`: the CSV header of an act, for `grassroots import`.
struct Template: LedgerCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a CSV template of an act, with Chinese headers (打印事项的CSV模板).",
        discussion: """
            One column per flag of `grassroots record ACT`, headed in Chinese with the flag beside it \
            (应到人数(eligible-adults)); first 事项(act) and 日期(date). Fill one row per act (事项: the act's name, \
            e.g. meeting or 会议), amounts in yuan, dates YYYY-MM-DD, names or ids; a list's items in one cell \
            separated by ; (候选人得票: 王秀英=71;李四=20). UTF-8 with a byte-order mark, CRLF: Excel opens it as is.
            """)

    @Argument(help: ArgumentHelp("The act (事项): meeting, vote, fund-receipt... (grassroots record --help).", valueName: "act"))
    var act: String

    @OptionGroup var options: GlobalOptions
    @ParentCommand var root: Grassroots

    func run() throws {
        try runReportingErrors(global) {
            guard let form = Acts.form(named: act) else {
                throw CLIError.said(Msg.record.unknownAct(["act": .plain(act), "acts": .list(Acts.all.map { .plain($0.name) })]), .usage)
            }
            Terminal.write(try ActCSV.write([ActCSV.headings(form)]))
        }
    }
}
