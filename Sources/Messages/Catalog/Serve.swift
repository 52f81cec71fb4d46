/// `grassroots account` and `grassroots serve`: accounts, their passwords, the HTTP API's refusals and the web
/// pages' words.
public struct ServeMessages: Sendable {
    // MARK: accounts
    public let role: [String: Message] = [
        "clerk": .init(en: "clerk", zh: "经办人"), "reviewer": .init(en: "reviewer", zh: "审阅人"),
    ]
    public let accountGranted = Message(en: "{account} granted as {role} for {units} from {date} (event {seq}); password stored in {path}",
                                        zh: "已授权{account}为{units}的{role},自{date}起(第{seq}号事件);密码已存入{path}")
    public let accountRevoked = Message(en: "{account} revoked from {date} (event {seq}); its password removed from {path}",
                                        zh: "已撤销{account},自{date}起(第{seq}号事件);其密码已从{path}删除")
    public let passwordChanged = Message(en: "the password of {account} changed in {path}", zh: "已在{path}中修改{account}的密码")
    public let noAccounts = Message(en: "no accounts", zh: "没有账户")
    public let columnAccount = Message(en: "account", zh: "账户")
    public let columnRole = Message(en: "role", zh: "角色")
    public let columnUnits = Message(en: "units", zh: "所辖单位")
    public let columnSince = Message(en: "since", zh: "起始日期")
    public let columnPassword = Message(en: "password", zh: "密码")
    public let passwordSet = Message(en: "set", zh: "已设置")
    public let passwordMissing = Message(en: "none (cannot log in)", zh: "未设置(不能登录)")
    public let revoked = Message(en: "revoked", zh: "已撤销")
    public let unknownAccount = Message(en: "no account {account} is granted in this ledger (grassroots account list)",
                                        zh: "本账本中没有已授权的账户{account}(见 grassroots account list)")
    public let accountExists = Message(en: "the account {account} already has a password; use grassroots account passwd to change it",
                                       zh: "账户{account}已有密码;修改密码请用 grassroots account passwd")
    public let badAccountName = Message(en: "an account name is 1 to {max} letters, digits, '-', '_' or '.', got \"{name}\"",
                                        zh: "账户名须为1至{max}个字母、数字、“-”“_”或“.”,收到“{name}”")
    public let passwordTooShort = Message(en: "a password needs at least {min} characters (got {count})", zh: "密码至少需要{min}个字符(收到{count}个)")
    public let passwordTooLong = Message(en: "a password has at most {max} bytes", zh: "密码最多{max}字节")
    public let noPassword = Message(en: "no password given: give --password-file FILE, or type it on standard input (first line)",
                                    zh: "未提供密码:请用 --password-file 文件,或在标准输入的第一行输入")
    public let passwordFileUnreadable = Message(en: "cannot read the password file {path}: {reason}", zh: "无法读取密码文件{path}:{reason}")
    public let storeDamaged = Message(en: "the password store {path} is damaged: {reason}", zh: "密码库{path}已损坏:{reason}")
    public let storeUnwritable = Message(en: "cannot write the password store {path}: {reason}", zh: "无法写入密码库{path}:{reason}")

    // MARK: serving
    public let listening = Message(en: "serving {ledger} on http://{host}:{port} (Ctrl-C stops)", zh: "正在服务{ledger},地址 http://{host}:{port}(按 Ctrl-C 停止)")
    public let notLoopback = Message(
        en: "--bind {host} is not a loopback address: passwords and session cookies would cross the network in clear. This version serves no TLS itself: put a reverse proxy that terminates TLS in front of it and give --behind-proxy (README, Serving)",
        zh: "--bind {host} 不是本机回环地址:密码和会话凭据将以明文在网络上传输。此版本本身不提供 TLS:请在前面放置终止 TLS 的反向代理,并加 --behind-proxy(见 README“服务”一节)")

    // MARK: the commands' option checks (exit 64)
    public let portRange = Message(en: "--port must be between 0 and 65535, got {given}", zh: "--port 须在0至65535之间,给出的是{given}")
    public let sessionMinutesRange = Message(en: "--session-minutes must be between 1 and 1440, got {given}", zh: "--session-minutes 须在1至1440之间,给出的是{given}")
    public let bodyBytesRange = Message(en: "--body-bytes-max must be between 1024 and 67108864, got {given}", zh: "--body-bytes-max 须在1024至67108864之间,给出的是{given}")
    public let followToStdout = Message(en: "--follow writes to standard output; leave out --out", zh: "--follow 只写到标准输出,请不要同时给出 --out")
    public let pollRange = Message(en: "--poll-milliseconds must be between 50 and 60000, got {given}", zh: "--poll-milliseconds 须在50至60000之间,给出的是{given}")
    public let needsUnit = Message(en: "give at least one --unit", zh: "请至少给出一个 --unit")

    // MARK: HTTP refusals
    public let unauthenticated = Message(en: "log in first: POST /api/login, then send Authorization: Bearer TOKEN",
                                         zh: "请先登录:POST /api/login,然后发送 Authorization: Bearer 令牌")
    public let badCredentials = Message(en: "wrong account or password", zh: "账户或密码错误")
    public let sessionExpired = Message(en: "the session has expired; log in again", zh: "会话已过期,请重新登录")
    public let accountNotGranted = Message(en: "the account {account} holds no grant today (revoked, or granted from a later date)",
                                           zh: "账户{account}今日无有效授权(已撤销或授权尚未生效)")
    public let reviewerReadsOnly = Message(en: "{account} is a reviewer: reviewers read only", zh: "{account}是审阅人:审阅人只能查阅,不能记录")
    public let outsideUnits = Message(en: "line {line}: {account} may record for {units} only; the act names {unit} (through {through})",
                                      zh: "第{line}行:{account}只能为{units}记录;该事项涉及{unit}(经由{through})")
    public let noUnitNamed = Message(en: "line {line}: the act names no unit, group, person or asset; only an account of a top-level unit may record it",
                                     zh: "第{line}行:该事项未涉及任何单位、小组、人员或资产;只有最高一级单位的账户可以记录")
    public let accountActsByCommand = Message(en: "line {line}: {type} is recorded with grassroots account on the command line, not through the API",
                                              zh: "第{line}行:{type}须在命令行用 grassroots account 记录,不能通过接口记录")
    public let actorNotAccount = Message(en: "line {line}: the actor is the account logged in ({account}), not {actor}; leave actor out",
                                         zh: "第{line}行:记录人即登录账户({account}),不能是{actor};请省略 actor")
    public let loginBody = Message(en: "POST /api/login takes a JSON object with two strings, account and password",
                                   zh: "POST /api/login 须提交含 account 和 password 两个字符串成员的 JSON 对象")
    public let bodyTooLarge = Message(en: "the request body exceeds {max} bytes", zh: "请求内容超过{max}字节")
    public let notFound = Message(en: "no such page or endpoint: {path}", zh: "没有这个页面或接口:{path}")
    public let badParameter = Message(en: "the parameter {name}={value} is not valid: {reason}", zh: "参数{name}={value}无效:{reason}")
    public let unknownParameter = Message(en: "unknown parameter {name}; this endpoint takes {offered}", zh: "未知参数{name};此接口接受{offered}")
    public let missingParameter = Message(en: "give {choices}", zh: "请提供{choices}")
    public let eventsCut = Message(en: "at most {limit} events per page ({name}); continue from {next}", zh: "每页最多{limit}个事件({name});请从{next}继续")
    public let csrfInvalid = Message(en: "the form has expired or did not come from this site; reload the page", zh: "表单已过期或并非来自本站,请刷新页面后重试")

    // MARK: web pages
    public let siteTitle = Message(en: "Grassroots ledger", zh: "基层治理台账")
    public let loginTitle = Message(en: "Log in", zh: "登录")
    public let accountLabel = Message(en: "Account", zh: "账户")
    public let passwordLabel = Message(en: "Password", zh: "密码")
    public let loginButton = Message(en: "Log in", zh: "登录")
    public let logoutButton = Message(en: "Log out", zh: "退出")
    public let loggedInAs = Message(en: "{account} ({role})", zh: "{account}({role})")
    public let rosterTitle = Message(en: "Roster", zh: "任职名册")
    public let rosterGroup = Message(en: "Group", zh: "小组")
    public let rosterUnit = Message(en: "Unit", zh: "单位")
    public let rosterAsOf = Message(en: "As of date", zh: "截至日期")
    public let rosterAtSeq = Message(en: "As known after event", zh: "截至第几号事件")
    public let showButton = Message(en: "Show", zh: "查询")
    public let rosterEmpty = Message(en: "no posts", zh: "没有职务记录")
}
