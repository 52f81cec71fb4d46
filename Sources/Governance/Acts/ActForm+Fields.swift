public import Messages

/// What a form for an act (the web pages of `grassroots serve`) needs to know of each flag beyond its kind: the
/// words of a closed vocabulary, which directory a name is looked up in, and whether the act can do without it.
/// The building itself stays `Acts.build`: a form only collects the same flag values the command line does.
extension ActFlag {
    /// A closed vocabulary's values, each with its words in the catalog (nil where the catalog has none, which
    /// a test of the catalog prevents); nil when the flag is not one of a vocabulary.
    public var choices: [(value: String, words: Message?)]? { Self.choices(of: valueKind) }

    /// The values of a vocabulary `kind` is one of (a sealed one's too), with their words; nil for other kinds.
    public static func choices(of kind: FieldKind) -> [(value: String, words: Message?)]? {
        var kind = kind
        if case .sealed(let inner) = kind { kind = inner }
        guard case .oneOf(let vocabulary) = kind else { return nil }
        let words = ActValues.words(vocabulary)
        return vocabulary.values.map { ($0, words[$0]) }
    }

    /// The directory a typed name is looked up in (unit, group, person, asset), or nil for other ids and values.
    public var lookup: Found.Kind? {
        var kind = valueKind
        if case .sealed(let inner) = kind { kind = inner }
        guard case .id(let prefix) = kind else { return nil }
        return ActValues.found(prefix)
    }

    /// Whether the act needs a value: required by its schema, and neither made from the act (a generated id)
    /// nor filled in from the same day's acts (a default).
    public func isRequired(in form: ActForm) -> Bool {
        field.required && field.name != form.generated?.field && !form.defaults.contains { $0.field == field.name }
    }
}
