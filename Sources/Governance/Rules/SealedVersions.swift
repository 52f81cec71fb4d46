/// The versions that seal free text about a person out of the chain (Schemas/PERSONAL.md) are the same acts
/// as the versions before them: the rules check them and the projections record them exactly alike. Each is
/// read as its predecessor here, its sealed member holding the commitment (the projections keep commitments,
/// never values, so a replay, which opens none, writes what the append wrote).
extension CandidateReviewedV2 {
    var asV1: CandidateReviewed { CandidateReviewed(group: group, election: election, person: person, outcome: outcome, reason: reason) }
}

extension ResignationSubmittedV2 {
    var asV1: ResignationSubmitted { ResignationSubmitted(group: group, person: person, reason: reason) }
}

extension RecallPetitionedV3 {
    var asV2: RecallPetitionedV2 {
        RecallPetitionedV2(group: group, person: person, petition: petition, signatures: signatures, eligibleVoters: eligibleVoters,
                           representativeSignatures: representativeSignatures, representatives: representatives, reasons: reasons)
    }
}

extension InvestigationCompletedV2 {
    var asV1: InvestigationCompleted {
        InvestigationCompleted(group: group, person: person, petition: petition, substantiated: substantiated, findings: findings)
    }
}

extension DisciplineImposedV2 {
    var asV1: DisciplineImposed { DisciplineImposed(person: person, group: group, kind: kind, reason: reason, imposedBy: imposedBy) }
}

extension ExpensePaidV2 {
    var asV1: ExpensePaid { ExpensePaid(group: group, approval: approval, amountFen: amountFen, payee: payee, reference: reference) }
}

extension AssetTransferredV3 {
    var asV2: AssetTransferredV2 {
        AssetTransferredV2(group: group, asset: asset, action: action, vote: vote, counterparty: counterparty, amountFen: amountFen, until: until)
    }
}
