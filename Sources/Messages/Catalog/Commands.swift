/// What the commands that write, check and list say (init, append, rebuild, check, export, policy, payroll,
/// demo), their progress lines, and the notes on how a ledger was opened.
public struct CommandMessages: Sendable {
    public let created = Message(en: "created ledger {id} at {path}", zh: "已在{path}创建账本{id}")
    public let appended = Message(en: "appended {count} events", zh: "已追加{count}条事件", enOne: "appended 1 event")
    public let wouldAppend = Message(en: "would append {count} events", zh: "将追加{count}条事件", enOne: "would append 1 event")
    public let duplicates = Message(en: ", {count} already recorded (idempotency key seen)", zh: ",{count}条此前已记录(幂等键相同)")
    public let batches = Message(en: " in {count} batches; ", zh: ",共{count}批;", enOne: " in 1 batch; ")
    public let dryRunNothingWritten = Message(en: "nothing was written (last seq would be {seq})", zh: "未写入任何内容(最后事件号将为{seq})")
    public let lastSeq = Message(en: "last seq {seq}", zh: "最后事件号{seq}")
    public let backedUp = Message(en: "backed up {count} events to {path} ({size}, compacted) and verified it; its head is {head}",
                                  zh: "已将{count}条事件备份到{path}({size},已压缩)并校验通过;其链头为{head}")
    public let backupBroken = Message(en: "the copy in {path} does not verify ({count} problem(s)); it is kept there for inspection; run `grassroots verify --ledger {path}`",
                                      zh: "{path}中的副本校验未通过({count}个问题);副本保留供检查;请运行 `grassroots verify --ledger {path}`")
    public let demoBuilt = Message(en: "built {path}: {count} events, head {head}", zh: "已生成{path}:共{count}条事件,链头{head}")
    public let demoRoster = Message(en: "A roster (`grassroots roster --unit unit:dq-t1`), first rows:", zh: "名册(`grassroots roster --unit unit:dq-t1`),前几行:")
    public let demoAlerts = Message(en: "Alerts in the county as of {date} (`grassroots alerts --unit unit:dq --as-of {asOf}`), {count} in all, for example:",
                                    zh: "截至{date}全县的提醒事项(`grassroots alerts --unit unit:dq --as-of {asOf}`),共{count}条,例如:")
    public let demoAudit = Message(en: "The departure audit of {person} (`grassroots audit departure --person {person} --group {group}`), excerpt:",
                                   zh: "{person}的离任经济责任审计(`grassroots audit departure --person {person} --group {group}`)摘要:")
    public let demoTenure = Message(en: "tenure {from} to {to}; fund from {opening} to {closing}", zh: "任期{from}至{to};资金由{opening}变为{closing}")
    public let demoToday = Message(en: "today", zh: "今")
    public let demoGap = Message(en: "balance handed over {handedOver}: FUND GAP {gap}", zh: "移交余额{handedOver}:资金差额{gap}")
    public let demoAskMore = Message(en: "Ask more:", zh: "继续查询:")
    public let verifyOk = Message(
        en: "ok: {events} events, hash chain intact, {entries} index entries consistent; head seq {seq} hash {hash}",
        zh: "正常:{events}条事件,哈希链完整,{entries}个索引项一致;链头第{seq}号,哈希{hash}")
    public let verifyTree = Message(en: "Merkle tree intact ({tiles} tiles); root {root}", zh: "默克尔树完整({tiles}个分块);根{root}")
    public let verifyCheckpoint = Message(en: "checkpoint of {size} events holds: the ledger extends what was signed",
                                          zh: "{size}条事件的签名检查点成立:账本是所签内容的延续")
    public let verifyTestClock = Message(en: "test-clock ledger: its recorded times may have been set from outside (init --test-clock)",
                                         zh: "测试时钟账本:其录入时间可能由外部设定(init --test-clock)")
    public let verifyFailure = Message(en: "INTEGRITY FAILURE", zh: "完整性校验失败")
    public let verifyFailureAt = Message(en: " at seq {seq}", zh: "(第{seq}号)")
    public let verifyProblems = Message(en: ": {count} problem(s) in {events} events", zh: ":{events}条事件中有{count}个问题")
    public let verifyMore = Message(en: "… and {count} more", zh: "……另有{count}个")
    /// `stats`' rows, by their English label.
    public let statsRows: [String: Message] = [
        "ledger": .init(en: "ledger", zh: "账本"), "created": .init(en: "created", zh: "创建时间"), "format": .init(en: "format", zh: "格式"),
        "events": .init(en: "events", zh: "事件数"), "streams": .init(en: "streams", zh: "流数"), "subjects": .init(en: "subjects", zh: "对象数"),
        "idempotency keys": .init(en: "idempotency keys", zh: "幂等键数"), "first recorded": .init(en: "first recorded", zh: "最早录入"),
        "last recorded": .init(en: "last recorded", zh: "最近录入"), "size on disk": .init(en: "size on disk", zh: "磁盘占用"),
        "head": .init(en: "head", zh: "链头"), "clock": .init(en: "clock", zh: "时钟"), "checkpoint": .init(en: "checkpoint", zh: "检查点"),
    ]
    public let rebuilt = Message(en: "rebuilt the projections from {count} events", zh: "已从{count}条事件重建投影表")
    public let checkOk = Message(en: "ok: the projections ({tables} tables, {entries} stored versions) equal a rebuild from {events} events",
                                 zh: "正常:投影表({tables}张表,{entries}个存储版本)与从{events}条事件重建的结果一致")
    public let checkDiffer = Message(en: "PROJECTIONS DIFFER from a rebuild from {events} events:", zh: "投影表与从{events}条事件重建的结果不一致:")
    public let checkTable = Message(en: "{table}: {count} difference(s); live {live} entries, rebuilt {rebuilt}",
                                    zh: "{table}:{count}处不同;现有{live}条,重建{rebuilt}条")
    public let checkFix = Message(en: "run `grassroots rebuild` to replace them with the rebuilt ones", zh: "请运行 `grassroots rebuild` 以重建结果替换")
    public let exported = Message(en: "exported {count} events (seq {from}...{to}) to {path}; head hash {hash}",
                                  zh: "已导出{count}条事件(第{from}至{to}号)到{path};链头哈希{hash}")
    public let policyDefined = Message(en: "defined {id} as event {seq}; adopt it with policy.adopted (its unit and date)",
                                       zh: "已将{id}定义为第{seq}号事件;请以 policy.adopted(单位和日期)采用")
    public let noPolicyAdopted = Message(
        en: "{unit} has adopted no policy by {date}, nor has any unit above it; its groups follow the statute floor for their kind",
        zh: "截至{date},{unit}及其上级单位均未采用政策;其小组适用法律规定的底线")
    public let policyInForce = Message(en: "in force for {where} on {date}:", zh: "{date}对{where}有效的政策:")
    public let policySource = Message(en: "source: {source}", zh: "依据:{source}")
    public let policyAppliesTo = Message(en: "applies to: {kinds} groups", zh: "适用于:{kinds}")
    /// The group kinds a policy applies to, as `policyAppliesTo` lists them.
    public let policyKinds: [String: Message] = [
        "village": .init(en: "village", zh: "村民小组"), "resident": .init(en: "resident", zh: "居民小组"),
    ]
    public let policyOver = Message(en: "over: {lineage}", zh: "叠加于:{lineage}")
    public let policyInherits = Message(en: "inherits from: {lineage}", zh: "继承自:{lineage}")
    public let policyNotSet = Message(en: "(not set: from the units above, or the statute floor)", zh: "(未规定:适用上级单位或法律底线)")
    public let policyNoRule = Message(en: "(no rule)", zh: "(无规定)")
    public let policySection = Message(en: "SECTION", zh: "章节")
    public let policyParameters = Message(en: "PARAMETERS", zh: "参数")
    public let policySourceColumn = Message(en: "SOURCE", zh: "依据")
    public let policyColumn = Message(en: "POLICY", zh: "政策")
    public let policyUnconfirmed = Message(en: "UNCONFIRMED (not checked against the source text; confirm before relying on them):",
                                           zh: "待核实(未与原文核对,使用前请确认):")
    public let policyListGroups = Message(en: "GROUPS", zh: "适用小组")
    public let policyListExtends = Message(en: "EXTENDS", zh: "继承")
    public let policyListWhere = Message(en: "WHERE", zh: "来源")
    public let policyBuiltIn = Message(en: "built in", zh: "内置")
    public let policyDefinedInLedger = Message(en: "defined in the ledger", zh: "账本中定义")
    public let payrollPerson = Message(en: "PERSON", zh: "人员")
    public let payrollGroup = Message(en: "GROUP", zh: "小组/村(社区)")
    public let payrollGroupName = Message(en: "NAME", zh: "名称")
    public let payrollPost = Message(en: "POST", zh: "职务")
    public let payrollSource = Message(en: "SOURCE", zh: "资金来源")
    public let payrollAmount = Message(en: "YUAN", zh: "金额(元)")
    public let payrollPolicy = Message(en: "POLICY", zh: "政策")
    public let payrollHow = Message(en: "HOW", zh: "计算方式")
    public let payrollNothing = Message(en: "nothing for {person} ({post} of {group}): {reason}", zh: "{person}({group}{post})无补贴:{reason}")
    public let payrollTotal = Message(en: "total {total} ({bySource})", zh: "合计{total}({bySource})")
    public let payrollAppended = Message(en: "appended {count} accruals for {period} under {unit}", zh: "已为{unit}下{period}记入{count}笔应发补贴",
                                          enOne: "appended 1 accrual for {period} under {unit}")
    public let payrollWouldAppend = Message(en: "would append {count} accruals for {period} under {unit}", zh: "将为{unit}下{period}记入{count}笔应发补贴",
                                             enOne: "would append 1 accrual for {period} under {unit}")
    public let payrollAlready = Message(en: ", {count} already recorded by an earlier run", zh: ",{count}笔此前已记入")
    public let payrollDryRun = Message(en: "; nothing was written", zh: ";未写入任何内容")
    public let payrollLastSeq = Message(en: "; last seq {seq}", zh: ";最后事件号{seq}")
    /// Progress lines on a terminal.
    public let progress: [String: Message] = [
        "rebuilding projections": .init(en: "rebuilding projections", zh: "正在重建投影表"),
        "rebuilding": .init(en: "rebuilding", zh: "正在重建"),
        "checking": .init(en: "checking", zh: "正在核对"),
        "verifying": .init(en: "verifying", zh: "正在校验"),
        "exporting": .init(en: "exporting", zh: "正在导出"),
        "appending": .init(en: "appending", zh: "正在追加"),
        "building the demo": .init(en: "building the demo", zh: "正在生成演示账本"),
    ]
    public let progressLine = Message(en: "{label}: {done} of {total} ({percent}%)", zh: "{label}:{done}/{total}({percent}%)")
    /// How a ledger was opened.
    public let openedWithoutLock = Message(
        en: "opened {path} read-only without its lock file ({reason}); nothing is written to it. That is right for an evidence copy, which has no writers; on a ledger someone is appending to, read as a user who may write its lock.mdb",
        zh: "已以只读方式打开{path},未使用其锁文件({reason});不会写入任何内容。这适用于没有写入者的证据副本;若他人正在向该账本追加,请以可写其 lock.mdb 的用户身份读取")
    public let readInFormat1 = Message(
        en: "{path} is in storage format 1, which is read as it is (verify checks the indexes it holds); a command that writes to it would first migrate it to format 2, in one transaction, then build its Merkle tree (format 3) in another",
        zh: "{path}为第1版存储格式,按原样读取(verify 校验其索引);写入命令会先在一个事务内将其迁移到第2版,再在另一个事务内建立默克尔树(第3版)")
    public let logMigrated = Message(
        en: "migrated {path} from storage format 1 to 2 (the stream index folded into the subject index, {events} events re-indexed in one transaction); a release before this format no longer opens it",
        zh: "已将{path}从第1版存储格式迁移到第2版(在一个事务内重建{events}条事件的索引);此前的版本将无法再打开它")
    public let merkleTreeBuilt = Message(
        en: "migrated {path} from storage format 2 to 3 (the Merkle tree over its {events} events built in one transaction); a release before this format no longer opens it",
        zh: "已将{path}从第2版存储格式迁移到第3版(在一个事务内为其{events}条事件建立默克尔树);此前的版本将无法再打开它")
    public let readWithoutMerkleTree = Message(
        en: "{path} is in storage format {format}, without the Merkle tree: verify checks its chain and indexes, and checkpoints and proofs need the tree, which a command that writes to it would first build (format 3, in one transaction)",
        zh: "{path}为第{format}版存储格式,没有默克尔树:verify 校验其哈希链和索引;检查点和证明需要默克尔树,写入命令会先在一个事务内建树(第3版)")
    public let projectionsRebuiltAside = Message(
        en: "the projections in {path} were built as {stored} and this program keeps {current}; the ledger is read-only, so they were rebuilt from its log in a scratch copy ({scratch}, removed afterwards); nothing was written to {path}",
        zh: "{path}中的投影表由{stored}生成,本程序使用{current};账本只读,已在临时副本({scratch},用后删除)中从日志重建;未向{path}写入任何内容")
}
