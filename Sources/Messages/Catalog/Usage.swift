/// Command-line usage errors (exit 64): the commands' own checks of their options, and the words around
/// swift-argument-parser's messages (which it writes in English; the common ones are translated here).
public struct UsageMessages: Sendable {
    // MARK: around the parser's message
    public let error = Message(en: "Error: {message}", zh: "用法错误:{message}")
    public let usage = Message(en: "Usage: {usage}", zh: "用法:{usage}")
    public let help = Message(en: "Help: {help}", zh: "说明(英文):{help}")
    public let oneOf = Message(en: "Please provide one of {choices}.", zh: "请给出以下之一:{choices}。")
    public let seeHelp = Message(en: "See '{command}' for more information.", zh: "运行 '{command}' 查看说明(帮助文本为英文)。")

    // MARK: the parser's own messages, by their English form
    public let unknownOption = Message(en: "Unknown option '{option}'", zh: "未知的选项 '{option}'")
    public let missingArgument = Message(en: "Missing expected argument '{argument}'", zh: "缺少参数 '{argument}'")
    public let missingValue = Message(en: "Missing value for '{option}'", zh: "选项 '{option}' 缺少取值")
    public let invalidValue = Message(en: "The value '{value}' is invalid for '{option}'", zh: "'{option}' 的取值 '{value}' 无效")
    public let unexpectedArgument = Message(en: "Unexpected argument '{argument}'", zh: "多余的参数 '{argument}'")
    public let duplicateOption = Message(en: "Duplicate option '{option}'", zh: "重复的选项 '{option}'")

    // MARK: the commands' checks
    public let atSeqFromOne = Message(en: "--at-seq counts from 1", zh: "--at-seq 从1开始计数")
    public let mapSizeMin = Message(en: "--map-size-max must be at least 1048576 bytes (1 MiB), got {given}", zh: "--map-size-max 至少为1048576字节(1 MiB),给出的是{given}")
    public let batchSize = Message(en: "--batch-size must be between 1 and {max}, got {given}", zh: "--batch-size 须在1至{max}之间,给出的是{given}")
    public let backfillReason = Message(en: "--backfill needs a reason of 1 to 500 bytes", zh: "--backfill 须给出1至500字节的补录原因")
    public let onePolicyTarget = Message(en: "give exactly one of --policy, --group, --unit", zh: "请给出 --policy、--group、--unit 中的一个,且只给一个")
    public let needsDate = Message(en: "--group and --unit need --date YYYY-MM-DD", zh: "--group 和 --unit 须同时给出 --date YYYY-MM-DD")
    public let oneOfPersonGroupUnit = Message(en: "give one of --person, --group, --unit", zh: "请给出 --person、--group、--unit 中的一个")
    public let unitOrGroup = Message(en: "give --unit or --group", zh: "请给出 --unit 或 --group 中的一个")
    public let limitRange = Message(en: "--limit must be between 1 and {max}, got {given}", zh: "--limit 须在1至{max}之间,给出的是{given}")
    public let periodMonth = Message(en: "--period must be a month YYYY-MM, got {given}", zh: "--period 须为月份 YYYY-MM,给出的是{given}")
    public let demoYears = Message(en: "--years must be 1 to 20", zh: "--years 须在1至20之间")
    public let streamOrSubject = Message(en: "give --stream or --subject, not both", zh: "--stream 与 --subject 只能给出一个")
    public let headForm = Message(en: "--head must be SEQ:HASH (64 lowercase hex digits), as `grassroots stats` prints it; got {given}",
                                  zh: "--head 须为 序号:哈希值(64位小写十六进制),即 `grassroots stats` 所显示的形式;给出的是{given}")
}
