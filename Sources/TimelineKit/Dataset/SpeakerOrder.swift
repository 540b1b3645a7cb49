extension Dataset {
    /// Quote indices by their speaker's name, then in dataset order: the "all quotes" order of the
    /// timeline in memory and of the store (its `speaker_rank`).
    public static func speakerOrder(of quotes: [Quote], people: [Person]) -> [Int] {
        quotes.indices.sorted { a, b in
            let nameA = people[quotes[a].speaker].name, nameB = people[quotes[b].speaker].name
            return nameA != nameB ? nameA < nameB : a < b
        }
    }
}
