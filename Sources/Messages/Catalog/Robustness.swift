/// Issue 16's last parts: the logs a witness witnesses (`grassroots witness trust`).
public struct RobustnessMessages: Sendable {
    // MARK: witness trust
    public let trusted = Message(
        en: "this witness now witnesses {origin}, signed by the key {key} (key id {keyID}); it cosigns no other log",
        zh: "本见证方现见证 {origin},签名密钥 {key}(密钥编号 {keyID});其他日志一概不予联署")
    public let alreadyTrusted = Message(en: "this witness already witnesses {origin} with the key {key} (key id {keyID}); nothing changed",
                                        zh: "本见证方已见证 {origin}(密钥 {key},编号 {keyID});未作改动")
    public let unknownLog = Message(
        en: "unknown log: this witness does not witness {origin} (no `grassroots witness trust --state {state}` names it); refused, nothing cosigned (C2SP tlog-witness: 404)",
        zh: "未知日志:本见证方不见证 {origin}(`grassroots witness trust --state {state}` 未登记该日志);不予联署(C2SP tlog-witness:404)")
    public let unknownLogKey = Message(
        en: "unknown log: the key {key} (key id {keyID}) is not one this witness trusts for {origin} (see `grassroots witness trust --state {state}`); refused, nothing cosigned (C2SP tlog-witness: 404)",
        zh: "未知日志:密钥 {key}(编号 {keyID})不是本见证方为 {origin} 登记的密钥(见 `grassroots witness trust --state {state}`);不予联署(C2SP tlog-witness:404)")
    public let notLogKey = Message(en: "{path} is not a log's signing verifier key (Ed25519, as `grassroots key init` writes FILE.pub)",
                                   zh: "{path} 不是日志的签名验证公钥(应为 `grassroots key init` 写出的 FILE.pub,Ed25519)")
    public let badOrigin = Message(en: "--origin must be one non-empty line; got \"{origin}\"", zh: "--origin 须为非空的一行文字;收到 \"{origin}\"")
    public let malformedTrustedLog = Message(en: "{path} is not a trusted log's file (its origin, then its verifier key, one a line)",
                                             zh: "{path} 不是受信日志文件(应为来源一行、验证公钥一行)")
    public let tooManyTrustedLogs = Message(en: "{path} holds {count} files; a witness trusts at most {max} logs",
                                            zh: "{path} 中有 {count} 个文件;一个见证方至多见证 {max} 个日志")
    public let whatTrustedLogs = Message(en: "the witness's trusted logs", zh: "见证方的受信日志")
}
