/// What the commands of trust say: `key init`, `checkpoint`, `prove`, `witness`, and `verify --checkpoint`.
/// The C2SP formats they write (signed notes, proofs) are not translated: they are for programs.
public struct TrustMessages: Sendable {
    // MARK: key init, witness init, checkpoint
    public let keyInsideLedger = Message(
        en: "{path} is inside the ledger directory {ledger}; keep the signing key apart from the ledger (and its copies)",
        zh: "{path} 位于账本目录 {ledger} 之内;签名密钥须与账本(及其副本)分开存放")
    public let badKeyName = Message(en: "--name: {reason}", zh: "--name 有误:{reason}")
    public let refuseOverwrite = Message(en: "{path} already exists; refusing to overwrite it", zh: "{path} 已存在;不予覆盖")
    public let keyWritten = Message(
        en: "wrote the signing key to {path} (mode 0600) and its verifier key to {path}.pub:",
        zh: "签名密钥已写入 {path}(权限 0600),验证公钥已写入 {path}.pub:")
    public let checkpointWritten = Message(en: "wrote the checkpoint to {path}", zh: "检查点已写入 {path}")
    public let witnessStateExists = Message(en: "{path} already exists; a witness's state is never overwritten",
                                            zh: "{path} 已存在;见证方的状态目录从不覆盖")
    public let witnessReady = Message(en: "witness {name} ready in {path}; its verifier key (also in {path}/witness.pub):",
                                      zh: "见证方 {name} 已在 {path} 就绪;其验证公钥(亦见 {path}/witness.pub):")
    public let notWitnessKey = Message(en: "{path} is not a witness's cosigning key (make one with `grassroots witness init`)",
                                       zh: "{path} 不是见证方的联署密钥(请用 `grassroots witness init` 创建)")

    // MARK: files
    public let cannotRead = Message(en: "cannot read {what} {path}: {reason}", zh: "无法读取{what} {path}:{reason}")
    public let fileTooLarge = Message(en: "{path} holds {count} bytes; {what} is at most {max}", zh: "{path} 有 {count} 字节;{what}至多 {max} 字节")
    public let notText = Message(en: "{what} {path} is not UTF-8 text", zh: "{what} {path} 不是 UTF-8 文本")
    public let cannotCreate = Message(en: "cannot create {path}: {reason}", zh: "无法创建 {path}:{reason}")
    public let cannotWrite = Message(en: "cannot write {path}: {reason}", zh: "无法写入 {path}:{reason}")
    public let unreadableFile = Message(en: "{path}: {reason}", zh: "{path}:{reason}")
    public let noSigningKey = Message(en: "no signing key at {path} ({reason}); make one with `grassroots key init`",
                                      zh: "{path} 处没有签名密钥({reason});请用 `grassroots key init` 创建")
    public let keyReadableByOthers = Message(en: "the signing key {path} may be read by others (mode {mode}); `chmod 600 {path}` first",
                                             zh: "签名密钥 {path} 可被他人读取(权限 {mode});请先执行 `chmod 600 {path}`")
    /// What a file is, in the messages above.
    public let whatVerifierKey = Message(en: "the verifier key", zh: "验证公钥")
    public let whatSigningKey = Message(en: "the signing key", zh: "签名密钥")
    public let whatCheckpoint = Message(en: "the checkpoint", zh: "检查点")
    public let whatProof = Message(en: "the consistency proof", zh: "一致性证明")

    // MARK: prove
    public let consistencyNeedsFrom = Message(en: "--consistency needs --from SIZE", zh: "--consistency 需要 --from SIZE")
    public let inclusionOptionsWithConsistency = Message(
        en: "--seq and --size belong to an inclusion proof, not --consistency (--from, --to)",
        zh: "--seq 与 --size 用于包含证明,不能与 --consistency(--from、--to)同用")
    public let giveSeqOrConsistency = Message(en: "give --seq N (an inclusion proof) or --consistency --from S1",
                                              zh: "请给出 --seq N(包含证明)或 --consistency --from S1(一致性证明)")
    public let seqFromOne = Message(en: "--seq counts from 1", zh: "--seq 从 1 起算")
    public let consistencyOptionsWithSeq = Message(en: "--from and --to belong to --consistency", zh: "--from 与 --to 只用于 --consistency")
    public let sizeBelowSeq = Message(en: "--size {size} is below --seq {seq}: the tree of {size} events does not hold event {seq}",
                                      zh: "--size {size} 小于 --seq {seq}:前 {size} 条事件的树不含第 {seq} 号事件")
    public let fromAboveTo = Message(en: "--from {from} is above --to {to}: a consistency proof runs from the smaller tree",
                                     zh: "--from {from} 大于 --to {to}:一致性证明须从较小的树起算")
    public let seqNotInTree = Message(en: "event {seq} is not in the tree of {size} events; give --size",
                                      zh: "第 {seq} 号事件不在前 {size} 条事件的树中;请给出 --size")
    public let storedCheckpointUnreadable = Message(en: "the checkpoint stored in the ledger cannot be read ({reason}); give the size",
                                                    zh: "账本中保存的检查点无法读取({reason});请给出树的大小")
    public let noCheckpointYet = Message(en: "the ledger holds no checkpoint yet; proving against the tree of all {count} events",
                                         zh: "账本尚无检查点;按全部 {count} 条事件的树出具证明")

    // MARK: signatures (witness, verify --checkpoint)
    public let noSignatureBy = Message(en: "{path} carries no signature by {key} (key id {keyID}); refused",
                                       zh: "{path} 没有 {key}(密钥编号 {keyID})的签名;拒绝")
    public let signatureBroken = Message(
        en: "{path}: the signature by {key} does not verify: the checkpoint was altered or the signature forged; refused",
        zh: "{path}:{key} 的签名验证不通过:检查点被改动或签名系伪造;拒绝")

    // MARK: witness decisions (C2SP tlog-witness)
    public let witnessSizeConflict = Message(
        en: "the proof is from size {claimed}, and this witness holds size {held} for {origin}: send a proof from {held} (`grassroots prove --consistency --from {held} --to {size}`); nothing was cosigned",
        zh: "证明从 {claimed} 条起算,而本见证方为 {origin} 保存的是 {held} 条:请提交从 {held} 条起的证明(`grassroots prove --consistency --from {held} --to {size}`);未联署")
    public let witnessRollback = Message(
        en: "rollback: this witness cosigned {held} events of {origin}, and the checkpoint offers {size}; events {first}...{held} are gone from the log; refused",
        zh: "回滚:本见证方已联署 {origin} 的 {held} 条事件,而该检查点只有 {size} 条;第 {first} 至 {held} 号事件已从日志中消失;拒绝")
    public let witnessFork = Message(
        en: "fork: this witness holds a checkpoint of {held} events of {origin} with another root; history was rewritten; refused",
        zh: "分叉:本见证方保存的 {origin} 的 {held} 条事件检查点根哈希不同;历史已被改写;拒绝")
    public let witnessInconsistent = Message(
        en: "the consistency proof does not show the {held} events this witness holds to be the start of the {size} the checkpoint signs: history was rewritten (or the proof is wrong); refused",
        zh: "一致性证明不能表明本见证方保存的 {held} 条事件是该检查点所签 {size} 条的开头:历史已被改写(或证明有误);拒绝")
    public let witnessCannotLock = Message(en: "cannot lock {path}: {reason}; is --state a witness's directory?",
                                           zh: "无法锁定 {path}:{reason};--state 是见证方的目录吗?")

    // MARK: verify --checkpoint
    public let vkeyWithoutCheckpoint = Message(en: "--vkey checks a --checkpoint; give one", zh: "--vkey 用于核验 --checkpoint;请一并给出")
    public let storedKeyUnreadable = Message(en: "the verifier key stored in the ledger cannot be read ({reason}); give --vkey",
                                             zh: "账本中保存的验证公钥无法读取({reason});请给出 --vkey")
    public let usingStoredKey = Message(en: "checking {path} with the key the ledger stored ({key}); give --vkey for a key you hold yourself",
                                        zh: "正用账本保存的公钥({key})核验 {path};如需用自己持有的公钥,请给出 --vkey")
    public let needVkey = Message(en: "give --vkey with the signer's verifier key (the ledger holds no checkpoint key)",
                                  zh: "请用 --vkey 给出签名方的验证公钥(账本未保存检查点公钥)")
    public let noSignatureForLedger = Message(en: "{path} carries no signature by {key}; it cannot vouch for this ledger",
                                              zh: "{path} 没有 {key} 的签名,不能为本账本作证")
    public let signatureBrokenVerify = Message(
        en: "{path}: the signature by {key} does not verify: the checkpoint was altered or the signature forged",
        zh: "{path}:{key} 的签名验证不通过:检查点被改动或签名系伪造")
    public let otherOrigin = Message(
        en: "{path} is a checkpoint of {origin}, and this ledger is {ledger}: another ledger, or this one replaced",
        zh: "{path} 是 {origin} 的检查点,而本账本是 {ledger}:另一本账,或本账已被替换")
}
