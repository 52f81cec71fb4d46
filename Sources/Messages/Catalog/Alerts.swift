/// Alerts: what the rules say should have happened and did not.
public struct AlertMessages: Sendable {}
