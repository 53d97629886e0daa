import LanternEngine

extension MailModel {
    /// One change to the labelled messages the models hold. Positions count the labelled
    /// messages in the order they reached the models, starting at 0.
    public enum TrainingChange: Sendable {
        case add(SparseVector, malicious: Bool)
        case relabel(position: Int, malicious: Bool)
        case remove(position: Int)
    }

    /// The number of labelled messages the models hold.
    public var trainingCount: Int { verdictModel.sampleCount }

    /// Applies one label change without a refit from scratch.
    ///
    /// The verdict model takes the change as a warm-started `add`, `relabel` or `remove`, with
    /// its class costs rebalanced for the new label counts. The L1 model continues from its
    /// weights on the updated set, and the one-class model is refitted on the features it now
    /// selects, because `OneClassSVM` has no warm start. When the last labelled message is
    /// removed, every message becomes unknown.
    /// - Throws: `EngineError.nonFiniteFeature`, which the dictionary's vectors never cause.
    /// - Complexity: the solver passes of the two linear models plus O(*n*²) kernel entries for
    ///   the one-class refit over *n* labelled messages.
    public mutating func update(_ change: TrainingChange) throws {
        var labels = verdictModel.labels
        switch change {
        case .add(_, let malicious): labels.append(malicious)
        case .relabel(let position, let malicious): labels[position] = malicious
        case .remove(let position): labels.remove(at: position)
        }
        let costs = LinearSVM.Parameters().balanced(cost: settings.verdictCost, labels: labels)

        switch change {
        case .add(let sample, let malicious):
            verdictModel.updateCosts(positive: costs.positiveCost, negative: costs.negativeCost)
            try verdictModel.add(samples: [sample], labels: [malicious])
        case .relabel(let position, let malicious):
            verdictModel.updateCosts(positive: costs.positiveCost, negative: costs.negativeCost)
            verdictModel.relabel(at: position, to: malicious)
        case .remove(let position):
            verdictModel.remove(at: [position])
            verdictModel.updateCosts(positive: costs.positiveCost, negative: costs.negativeCost)
        }
        if !verdictModel.lastReport.converged { unconvergedRuns += 1 }

        let samples = (0..<verdictModel.sampleCount).map { verdictModel.sample(at: $0) }
        guard !samples.isEmpty else {
            oneClass = nil
            return
        }
        try fitSelectionAndUnknown(samples: samples, labels: labels)
    }
}
