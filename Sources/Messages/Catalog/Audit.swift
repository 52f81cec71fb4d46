/// The departure audit report (离任经济责任审计报告).
public struct AuditMessages: Sendable {}
