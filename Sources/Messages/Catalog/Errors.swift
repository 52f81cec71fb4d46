/// The command line's own errors and notes.
public struct ErrorMessages: Sendable {
    /// A rule's refusal: the rule, the numbers, the source.
    public let refusal = Message(en: "{rule}: {detail}; {source}", zh: "{rule}:{detail}(依据:{source})")
    public let prefix = Message(en: "grassroots: {message}", zh: "grassroots:{message}")
}
