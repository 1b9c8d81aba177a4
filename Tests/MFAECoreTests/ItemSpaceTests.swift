import Foundation
import MFAECore
import MFAETestSupport
import Testing

/// Neighbour coherence, its references and the franchise rank on hand-built item spaces with known
/// answers; genres from every items-file format and the synthetic generator.
@Suite struct ItemSpaceTests {
    /// Items on a line at `positions` (k = 1).
    func line(_ positions: [Float]) -> ItemParameters {
        ItemParameters(k: 1, biases: [Float](repeating: 0, count: positions.count), vectors: positions)
    }

    @Test func twoClustersAreFullyCoherent() {
        // Genre A = bit 0, B = bit 1. Items 0, 1 near each other (A); items 2, 3 near each other (B).
        let genres: [UInt64] = [1, 1, 2, 2]
        let space = line([0, 0.1, 5, 5.2])
        let items = [0, 1, 2, 3]
        let euclidean = NeighbourCoherence.measure(.euclidean(space), items: items, genres: genres, count: 1)
        #expect(euclidean == CoherenceFigure(share: 1, jaccard: 1))
        // Two neighbours each: one of the same genre, one not.
        let two = NeighbourCoherence.measure(.euclidean(space), items: items, genres: genres, count: 2)
        #expect(two == CoherenceFigure(share: 0.5, jaccard: 0.5))
        // Random: one of the three others shares the genre.
        let random = NeighbourCoherence.random(items: items, genres: genres)
        #expect(abs(random.share - 1.0 / 3) < 1e-12 && abs(random.jaccard - 1.0 / 3) < 1e-12)
    }

    @Test func jaccardOfOverlappingGenreSets() {
        // Item 0 {A, B}, item 1 {A}: share 1, Jaccard 1/2 both ways.
        let figure = NeighbourCoherence.measure(.euclidean(line([0, 1])), items: [0, 1], genres: [3, 1], count: 1)
        #expect(figure == CoherenceFigure(share: 1, jaccard: 0.5))
        #expect(ItemGenres.jaccard(0b111, 0b100) == 1.0 / 3)
        #expect(ItemGenres.jaccard(0, 0) == 0)
    }

    @Test func cosineIgnoresLength() {
        // In 2-D: items 0 and 2 point the same way at different lengths, item 1 is near 0 but at 90°.
        let space = ItemParameters(k: 2, biases: [0, 0, 0], vectors: [1, 0, 0.2, 1.1, 9, 0])
        let cosine = NeighbourCoherence.measure(.cosine(space), items: [0, 1, 2], genres: [1, 2, 1], count: 1)
        let euclidean = NeighbourCoherence.measure(.euclidean(space), items: [0, 1, 2], genres: [1, 2, 1], count: 1)
        // Cosine: 0 ↔ 2 (share), 1 → 0 or 2, whichever is less orthogonal (0: cos 0.18; 2: same) → tie to 0: no share.
        #expect(abs(cosine.share - 2.0 / 3) < 1e-12)
        // Euclidean: 0 → 1 (no), 1 → 0 (no), 2 → 0 (yes).
        #expect(abs(euclidean.share - 1.0 / 3) < 1e-12)
    }

    @Test func coRatingIsTheCosineOfRatingColumns() {
        // Users × items: u0 rates i0=5, i1=5; u1 rates i0=1, i2=4. Columns: i0 (5, 1), i1 (5, 0), i2 (0, 4).
        var train = RatingsByUser()
        train.appendRow(user: 0, items: [0, 1], codes: [0, 0], values: [5, 5])
        train.appendRow(user: 1, items: [0, 2], codes: [0, 0], values: [1, 4])
        let index = CoRatingIndex(train: train, itemCount: 3)
        var scores = [Double](repeating: 0, count: 3)
        ItemSimilarity.coRating(index).scores(of: 0, into: &scores)
        #expect(abs(scores[1] - 25 / (26.0.squareRoot() * 5)) < 1e-12)
        #expect(abs(scores[2] - 4 / (26.0.squareRoot() * 4)) < 1e-12)
        #expect(index.ratingCounts == [2, 1, 1])
        #expect(index.pairCount == 8)
    }

    @Test func franchiseRankOnALine() {
        // Items at 0, 1, 2, 10, 11; franchise {0, 2}: from 0, item 1 is nearer than 2 (rank 2); from
        // 2, item 1 is nearer than 0 (rank 2). Franchise {3, 4}: each other's nearest (rank 1).
        let space = line([0, 1, 2, 10, 11])
        let pool = [0, 1, 2, 3, 4]
        #expect(FranchiseRank.meanRank(.euclidean(space), franchises: [[0, 2]], pool: pool) == 2)
        #expect(FranchiseRank.meanRank(.euclidean(space), franchises: [[0, 2], [3, 4]], pool: pool) == 1.5)
        #expect(FranchiseRank.meanRank(.euclidean(space), franchises: [], pool: pool) == nil)
        #expect(FranchiseRank.randomRank(pool: 5) == 2.5)
        // Equal distances: ties go to the lower index, so item 0's equidistant neighbours 1 and 3
        // (at −1 and +1) rank 1 before 3 (rank 2); from item 3, item 0 is nearest (rank 1).
        let tie = line([0, -1, 5, 1])
        #expect(FranchiseRank.meanRank(.euclidean(tie), franchises: [[0, 3]], pool: [0, 1, 2, 3]) == 1.5)
    }

    @Test func franchiseMembersByTitle() {
        let titles = ["Star Wars (1977)", "Alien (1979)", "Aliens (1986)", "Return of the Jedi (1983)", "Toy Story (1995)",
                      "Empire Strikes Back, The", "Alien 3 (1992)"]
        let starWars = Franchise.movieLens.first { $0.name == "Star Wars" }
        let alien = Franchise.movieLens.first { $0.name == "Alien" }
        #expect(starWars?.members(in: titles) == [0, 5, 3])
        #expect(alien?.members(in: titles) == [1, 2, 6])
        #expect(Franchise.normalizedTitle("Twelve Monkeys (1995) ") == "twelve monkeys")
        #expect(Franchise.normalizedTitle("M*A*S*H (TV)") == "m*a*s*h (tv)")
        let members = FranchiseRank.members(of: Franchise.movieLens, titles: titles, pool: [0, 1, 2, 3, 5])
        #expect(members == [[0, 5, 3], [1, 2]])
    }

    @Test func genresFromEveryItemsFormat() throws {
        try TemporaryDirectory.with { folder in
            try folder.write("1\t10\t4\t0\n1\t20\t3\t0\n", to: "u.data")
            try folder.write("10|A (1995)|d||u|0|1|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n20|B (1996)|d||u|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0\n",
                             to: "u.item")
            let set = try DatasetLoader.load(folder: folder.url, name: "u")
            let genres = try #require(set.itemGenres)
            #expect(genres.genres(of: ItemIndex(0)) == ["Action", "Comedy"])
            #expect(genres.genres(of: ItemIndex(1)) == [])  // "unknown" is no genre
        }
        try TemporaryDirectory.with { folder in
            try folder.write("1::10::4::0\n1::20::3::0\n", to: "ratings.dat")
            try folder.write("10::A (1995)::Action|Sci-Fi\n20::B (1996)::(no genres listed)\n", to: "movies.dat")
            let genres = try #require(try DatasetLoader.load(folder: folder.url, name: "dat").itemGenres)
            #expect(genres.genres(of: ItemIndex(0)) == ["Action", "Sci-Fi"])
            #expect(genres.sets[1] == 0)
        }
        try TemporaryDirectory.with { folder in
            try folder.write("userId,movieId,rating,timestamp\n1,10,4.0,0\n1,20,3.5,0\n", to: "ratings.csv")
            try folder.write("movieId,title,genres\n10,\"A, The (1995)\",Drama|Romance\n20,B (1996),Drama\n", to: "movies.csv")
            let genres = try #require(try DatasetLoader.load(folder: folder.url, name: "csv").itemGenres)
            #expect(genres.names == ["Drama", "Romance"])
            #expect(genres.sets == [3, 1])
        }
        try TemporaryDirectory.with { folder in
            try folder.write("user_id:token\titem_id:token\trating:float\ttimestamp:float\n1\t10\t4\t0\n1\t20\t3\t0\n",
                             to: "x.inter")
            try folder.write("item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n"
                + "10\tA\t1995\tAnimation Children's Comedy\n20\tB\t1996\tDrama\n", to: "x.item")
            let genres = try #require(try DatasetLoader.load(folder: folder.url, name: "rb").itemGenres)
            #expect(genres.genres(of: ItemIndex(0)) == ["Animation", "Children's", "Comedy"])
            #expect(genres.genres(of: ItemIndex(1)) == ["Drama"])
        }
        try TemporaryDirectory.with { folder in
            // An items file without genres gives none.
            try folder.write("user_id:token\titem_id:token\trating:float\n1\t10\t4\n", to: "y.inter")
            try folder.write("item_id:token\tmovie_title:token_seq\n10\tA\n", to: "y.item")
            #expect(try DatasetLoader.load(folder: folder.url, name: "rb").itemGenres == nil)
        }
    }

    @Test func syntheticGenresArePlantedClustersAndDeterministic() throws {
        var parameters = SyntheticParameters()
        parameters.users = 200
        parameters.items = 100
        parameters.ratings = 4000
        parameters.rank = 3
        let first = try parameters.generate()
        let second = try parameters.generate()
        let genres = try #require(first.itemGenres)
        #expect(genres == second.itemGenres)
        #expect(genres.names == ["dim1+", "dim1−", "dim2+", "dim2−", "dim3+", "dim3−"])
        #expect(genres.itemCount == first.itemCount)
        #expect(genres.sets.allSatisfy { $0.nonzeroBitCount == 1 })
    }

    @Test func coherenceIsMeasuredAtTheEndOfALatentRun() throws {
        var parameters = SyntheticParameters()
        parameters.users = 300
        parameters.items = 120
        parameters.ratings = 9000
        parameters.rank = 3
        let data = try parameters.generate()
        var c = TrainingConfiguration()
        c.model = .mf
        c.k = 3
        c.epochs = 3
        let space = try #require(try Trainer.run(c, on: data).measures?.itemSpace)
        #expect(space.items > 0 && space.neighbours == 10 && space.minimumRatings == 20)
        #expect(space.random.share > 0 && space.random.share < 1)
        #expect(space.coRating != nil)
        #expect(space.franchise == nil)  // synthetic titles name no franchise
    }
}
