/// The command line's own errors and notes.
public struct ErrorMessages: Sendable {
    /// A rule's refusal: the rule, the numbers, the source.
    public let refusal = Message(en: "{rule}: {detail}; {source}", zh: "{rule}:{detail}(依据:{source})")
    public let prefix = Message(en: "grassroots: {message}", zh: "grassroots:{message}")
    public let note = Message(en: "grassroots: note: {message}", zh: "grassroots:提示:{message}")
    public let log = LogErrorMessages()
    public let formatUnsupported = Message(en: "--format {format} is not offered by `{command}`; it offers {offered}",
                                           zh: "`{command}` 不支持 --format {format};可用:{offered}")
    public let jsonAndFormat = Message(en: "--json and --format {format} disagree; give one", zh: "--json 与 --format {format} 相互矛盾,只能选一个")
    public let unknownName = Message(en: "no {kind} is named or numbered \"{text}\"; `grassroots find {text}` searches names and ids",
                                     zh: "没有名称或编号为\"{text}\"的{kind};可用 `grassroots find {text}` 按名称或编号查找")
    public let ambiguousName = Message(en: "\"{text}\" names {count} {kind}s; give one of their ids: {choices}",
                                       zh: "\"{text}\"对应{count}个{kind},请给出其中一个的编号:{choices}")
}

/// The event log's errors, as the command line words them.
public struct LogErrorMessages: Sendable {
    public let invalidEvent = Message(en: "event {index} of the batch: {field}: {reason}", zh: "第{index}条事件:{field}:{reason}")
    public let versionConflict = Message(
        en: "event {index} of the batch: version conflict on stream \"{stream}\": expected version {expected}, the stream is at version {actual}; read the stream again and retry",
        zh: "第{index}条事件:流\"{stream}\"版本冲突:预期版本{expected},实际为{actual};请重新读取后再试")
    public let idempotencyConflict = Message(
        en: "event {index} of the batch: idempotency key \"{key}\" is already recorded as event {seq} with different content ({fields}); use a new key for a different act",
        zh: "第{index}条事件:幂等键\"{key}\"已用于第{seq}号事件,内容不同({fields});不同的行为请使用新的键")
    public let rejected = Message(en: "event {index} of the batch (would be seq {seq}) refused: {reason}",
                                  zh: "第{index}条事件(将为第{seq}号)被拒绝:{reason}")
    public let batchTooLarge = Message(en: "batch of {count} events exceeds the limit of {max} events per atomic append",
                                       zh: "本批{count}条事件,超过单次追加上限{max}条")
    public let ledgerFull = Message(
        en: "the ledger reached its maximum map size of {max} bytes ({reason}); nothing of this batch was written; reopen with a larger map size maximum",
        zh: "账本已达映射上限{max}字节({reason});本批未写入任何内容;请以更大的 --map-size-max 重新打开")
    public let ledgerNotFound = Message(en: "no ledger at {path}; create one with `grassroots init`", zh: "{path}处没有账本;请先用 `grassroots init` 创建")
    public let ledgerExists = Message(en: "{path} already exists; refusing to overwrite it", zh: "{path}已存在,拒绝覆盖")
    public let notALedger = Message(en: "{path} is not a GrassrootsLedger ledger: {reason}", zh: "{path}不是 GrassrootsLedger 账本:{reason}")
    public let projectionsOutdated = Message(
        en: "the projections in {path} were built as {stored} and this program keeps {current}; a read does not rebuild them: run `grassroots rebuild` (it rebuilds them from the log, in one transaction) and ask again",
        zh: "{path}中的投影表由{stored}生成,本程序使用{current};只读查询不会重建:请运行 `grassroots rebuild`(在一个事务内从日志重建)后再查询")
    public let notWritable = Message(
        en: "{path} cannot be written: {reason}; reading commands (log, verify, stats, roster...) work on it, but appending or rebuilding needs a writable ledger",
        zh: "{path}不可写:{reason};查询命令(log、verify、stats、roster 等)可以使用,追加或重建需要可写的账本")
    public let mapSizeMaxBelowCurrent = Message(
        en: "the map size maximum asked for, {requested} bytes, is below the current map size of {path}, {current} bytes; a map does not shrink: give at least {current}",
        zh: "要求的映射上限{requested}字节小于{path}当前的映射大小{current}字节;映射不会缩小:请至少给出{current}")
    public let diskFull = Message(
        en: "the disk holding {path} is full ({operation}: no space left on device); this write was not committed and what was committed before is intact; free space on that disk and run again",
        zh: "{path}所在磁盘已满({operation}:设备无剩余空间);本次写入未提交,此前已提交的内容完好;请腾出空间后重试")
    public let unreadable = Message(en: "cannot read {path}: {reason}; ask its owner for read access, or work on a copy you can read",
                                    zh: "无法读取{path}:{reason};请向其所有者申请读取权限,或使用可读的副本")
    public let scratchFailed = Message(en: "cannot use the scratch directory {directory}: {reason}; set TMPDIR to a directory with room for about half the ledger's size (a rebuild or check) or a copy of the ledger (an outdated read-only copy)",
                                       zh: "无法使用临时目录{directory}:{reason};请将 TMPDIR 设为有足够空间的目录(重建或核对约需账本大小的一半,过时的只读副本需容纳整个账本)")
    public let beyondHead = Message(en: "the ledger holds {head} events; there is no event {seq} to stand after",
                                    zh: "账本共有{head}条事件,没有第{seq}号事件")
    public let corruptRecord = Message(en: "event {seq} cannot be read: {reason}; run `grassroots verify`",
                                       zh: "第{seq}号事件无法读取:{reason};请运行 `grassroots verify`")
    public let damagedTable = Message(en: "the projection table {table} is damaged: {reason}; run `grassroots check`, then `grassroots rebuild`",
                                      zh: "投影表{table}已损坏:{reason};请先运行 `grassroots check`,再运行 `grassroots rebuild`")
    public let damagedTree = Message(en: "the Merkle tree (log.tiles) is damaged: {reason}", zh: "默克尔树(log.tiles)已损坏:{reason}")
    public let noMerkleTree = Message(
        en: "{path} is in storage format {format}, which has no Merkle tree; a command that writes to it (`grassroots rebuild`) builds the tree first, then checkpoints and proofs can be made",
        zh: "{path}为第{format}版存储格式,没有默克尔树;写入命令(`grassroots rebuild`)会先建树,之后才能生成检查点和证明")
    public let damagedFile = Message(en: "{path} is damaged: {reason}", zh: "{path}已损坏:{reason}")
    /// The fault guard's words (the C handler expands {path}, {page}, {signal} and {reason} itself).
    public let faultWhileReading = Message(
        en: "grassroots: {path} is damaged: reading its page {page} faulted ({signal}); the damage is in that page or in one that leads to it. Nothing was written. `grassroots verify` reports the damage; restore the ledger from a backup or an evidence copy (`grassroots verify --checkpoint` proves a copy holds what was signed).",
        zh: "grassroots:{path}已损坏:读取其第{page}页时出错({signal});损坏在该页或指向它的页中。未写入任何内容。`grassroots verify` 可报告损坏之处;请从备份或证据副本恢复账本(`grassroots verify --checkpoint` 可证明副本与签名时一致)。")
    public let lmdbAssertion = Message(
        en: "grassroots: {path} is damaged: liblmdb found its pages inconsistent ({reason}). Nothing was written. `grassroots verify` reports the damage; restore the ledger from a backup or an evidence copy.",
        zh: "grassroots:{path}已损坏:liblmdb 发现其页面结构不一致({reason})。未写入任何内容。`grassroots verify` 可报告损坏之处;请从备份或证据副本恢复账本。")
    public let damagedStorage = Message(
        en: "the ledger's file is damaged: {reason}; `grassroots verify` reports the damage; restore the ledger from a backup or an evidence copy",
        zh: "账本文件已损坏:{reason};`grassroots verify` 可报告损坏之处;请从备份或证据副本恢复账本")
    public let storage = Message(en: "storage error: {reason}", zh: "存储错误:{reason}")
}
