/// The rules' refusals (rule names, details) and alerts are kept in Governance's own words until they are
/// moved here; see `RuleViolation`.
public struct RuleMessages: Sendable {}
