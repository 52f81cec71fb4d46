/// Plausible Chinese names for the demo's persons, a pure function of the person's id (so the generator's
/// random draws, and the histories they make, are the same as before names were added). Surnames are among
/// the commonest; given names are one or two characters.
enum DemoNames {
    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈任姚卢")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅兵辉鹏飞丹燕春林云海波宁文斌")

    /// The name of `person` (its id's FNV-1a hash picks a surname and one or two given characters).
    static func name(for person: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in person.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        let surname = surnames[Int(hash % UInt64(surnames.count))]
        hash /= UInt64(surnames.count)
        let first = given[Int(hash % UInt64(given.count))]
        hash /= UInt64(given.count)
        guard hash % 3 != 0 else { return String([surname, first]) }
        hash /= 3
        return String([surname, first, given[Int(hash % UInt64(given.count))]])
    }
}
