import MFAECore
import Testing

/// On data with a known noise floor, both latent models must get close to the best achievable RMSE.
@Suite struct NoiseFloorTests {
    static func data() throws -> RatingSet {
        var parameters = SyntheticParameters()
        parameters.users = 400; parameters.items = 200; parameters.ratings = 40_000; parameters.rank = 3
        parameters.noise = 0.5; parameters.seed = 1
        parameters.popularityExponent = 0.3; parameters.activityExponent = 0.2
        return try parameters.generate()
    }

    @Test(arguments: [ModelKind.mf, .mfae])
    func modelGetsWithinFifteenPercentOfTheNoiseFloor(_ model: ModelKind) throws {
        let data = try Self.data()
        let floor = try #require(data.noiseFloorMSE).squareRoot()
        var c = TrainingConfiguration()
        c.model = model
        c.epochs = 60
        c.patience = 5
        switch model {
        case .mf:
            c.k = 3; c.regularization = .perExample; c.cVector = 0.05; c.learningRate = 0.01; c.initScale = 0.1
        default:
            c.k = 6; c.maskFraction = 0.5; c.cVector = 1e-5; c.learningRate = 0.02
        }
        let result = try Trainer.run(c, on: data)
        #expect(result.test.rmse < floor * 1.15, "test RMSE \(result.test.rmse) vs noise floor \(floor)")
        #expect(result.test.rmse > floor * 0.9, "no model beats the noise by much: \(result.test.rmse) vs \(floor)")
    }
}
