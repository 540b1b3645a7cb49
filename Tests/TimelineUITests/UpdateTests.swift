import DatasetFormats
import ReferenceStore
import Testing
import TimelineKit
@testable import TimelineUI

@Suite("update: state after actions")
struct UpdateTests {
    @Test("Moving, paging and the ends clamp to the list")
    func moving() {
        var state = Fixtures.state()
        #expect(state.selectedID == "embargo-lifted-2014")
        state.apply(.moveUp)
        #expect(state.selectedIndex == 0)
        state.apply(.moveDown, .moveDown)
        #expect(state.selectedID == "mi35m-deal-2015")
        state.apply(.last)
        #expect(state.selectedID == "bajwa-visit-2017")
        state.apply(.moveDown)
        #expect(state.selectedIndex == 12)
        state.apply(.first, .pageDown)
        let page = ScreenLayout.content(of: state.layout.timeline).height - 1
        #expect(state.selectedIndex == page)
        state.apply(.halfPageUp)
        #expect(state.selectedIndex == page - page / 2)
        state.apply(.pageUp)
        #expect(state.selectedIndex == 0)
    }

    @Test("Scrolling keeps rows of context around the selection")
    func scrollContext() throws {
        var state = Fixtures.state()
        for _ in 0..<8 { state.apply(.moveDown) }
        let lines = state.timelinePane.lines
        let line = try #require(lines.firstIndex(of: .event(state.selectedIndex)))
        #expect(line >= AppState.scrollOff)
        let eventsBelow = lines[(line + 1)...].filter { if case .event = $0 { return true } else { return false } }.count
        #expect(eventsBelow >= min(AppState.scrollOff, state.visibleCount - 1 - state.selectedIndex))
        state.apply(.first)
        #expect(state.timelineScroll == 0)
        #expect(state.timelinePane.lines.first == .year(2014), "the first year's separator shows")
    }

    @Test("[ and ] jump between years; : jumps to a date")
    func yearsAndDates() {
        var state = Fixtures.state()
        state.apply(.nextYear)
        #expect(state.selectedID == "weapons-talks-2015")
        state.apply(.nextYear)
        #expect(state.selectedID == "friendship-2016")
        state.apply(.nextYear, .moveDown, .moveDown, .previousYear)
        #expect(state.selectedID == "friendship-2016", "back to the first event of the previous year")
        state.apply(.beginDateJump)
        state.type("2017-09")
        state.apply(.activate)
        #expect(state.selectedID == "pakistan-threatens-us-ties-2017")
        #expect(state.overlay == nil)
        state.apply(.beginDateJump)
        state.type("2014")
        state.apply(.activate)
        #expect(state.selectedID == "embargo-lifted-2014")
        state.apply(.beginDateJump)
        state.type("2017-13")
        state.apply(.activate)
        #expect(state.message?.hasPrefix("not a date") == true)
        state.apply(.beginDateJump)
        state.type("2030")
        state.apply(.activate)
        #expect(state.selectedID == "bajwa-visit-2017")
        #expect(state.message == "no events on or after 2030")
    }

    @Test("The pair picker narrows as you type, applies, and * restores all pairs")
    func pairPicker() {
        var state = Fixtures.state()
        state.apply(.openPairPicker)
        guard case .picker(let picker) = state.overlay else { Issue.record("no picker"); return }
        #expect(picker.items.first?.label == "All pairs")
        #expect(picker.items.dropFirst().first?.label == "RUS–PAK")
        state.type("united")
        guard case .picker(let narrowed) = state.overlay else { Issue.record("no picker"); return }
        #expect(narrowed.items.map(\.label) == ["USA–PAK", "RUS–USA"])
        state.apply(.activate)
        #expect(state.query.pairs == [Fixtures.pair("USA-PAK")])
        #expect(state.visibleCount == 2)
        #expect(state.overlay == nil)
        state.apply(.openPairPicker, .selectAllPairs)
        #expect(state.query.pairs.isEmpty)
        #expect(state.visibleCount == 13)
    }

    @Test("Typing a pair with a hyphen narrows to it; P clears; c filters by country")
    func pairAndCountryFilters() {
        var state = Fixtures.state()
        state.apply(.moveDown, .moveDown, .moveDown) // Friendship 2016
        state.apply(.openPairPicker)
        state.type("pak-rus")
        state.apply(.activate)
        #expect(state.query.pairs == [Fixtures.pair("RUS-PAK")])
        #expect(state.selectedID == "friendship-2016", "the selected event stays selected")
        state.apply(.clearPairFilter)
        #expect(state.query.pairs.isEmpty)
        state.apply(.openCountryPicker)
        state.type("india")
        state.apply(.activate)
        #expect(state.query.country == Country(alpha3: "IND"))
        #expect(state.visibleCount == 2)
        state.apply(.clearPairFilter)
        #expect(state.visibleCount == 13)
    }

    @Test("Search jumps as you type, highlights, n/N move, Esc restores")
    func search() {
        var state = Fixtures.state()
        state.apply(.beginSearch)
        state.type("helicop")
        #expect(state.selectedID == "mi35m-deal-2015")
        #expect(state.searchTerm == "helicop")
        let effects = state.update(.activate)
        #expect(state.message == "counting matches…")
        guard case .countMatches(let request) = effects.first else {
            Issue.record("Enter on a search asks for a count, off the input path: \(effects)")
            return
        }
        let count = try! Fixtures.store.selection(request.query).matchCount(request.search)
        state.apply(.matchesCounted(generation: request.generation, count: count))
        #expect(state.message == "2 matching events · n next, N previous")
        state.apply(.nextMatch)
        #expect(state.selectedID == "mi35m-delivery-2017")
        state.apply(.nextMatch)
        #expect(state.selectedID == "mi35m-deal-2015")
        #expect(state.message == "search wrapped to the top")
        state.apply(.previousMatch)
        #expect(state.selectedID == "mi35m-delivery-2017")
        // A new search cancelled with Esc puts everything back.
        let before = state.selectedIndex
        state.apply(.beginSearch)
        state.type("chechnya")
        #expect(state.selectedID == "friendship-2017")
        state.apply(.back)
        #expect(state.selectedIndex == before)
        #expect(state.searchTerm == "helicop")
        state.apply(.beginSearch)
        state.type("zzzz")
        #expect(state.message == "no match")
        #expect(state.selectedIndex == before)
    }

    @Test("Year and date jumps work from every pane")
    func jumpsFromPanes() throws {
        var state = Fixtures.state(width: 120, height: 40)
        state.apply(.focusNext) // detail
        #expect(state.keyContext == .detail)
        let next = try #require(Keymap.action(for: .character("]"), in: .detail))
        #expect(next == .nextYear)
        state.apply(next)
        #expect(state.selectedID == "weapons-talks-2015", "the first event of 2015")
        state.apply(.focusNext) // quotes
        let previous = try #require(Keymap.action(for: .character("["), in: .quotes))
        #expect(previous == .previousYear)
        state.apply(previous)
        #expect(state.selectedID == "embargo-lifted-2014")
        #expect(Keymap.action(for: .character(":"), in: .detail) == .beginDateJump)
    }

    @Test("A count for an older question is dropped")
    func staleCount() {
        var state = Fixtures.state()
        state.apply(.beginSearch)
        state.type("drills")
        guard case .countMatches(let old) = state.update(.activate).first else {
            Issue.record("no count asked for")
            return
        }
        state.apply(.beginSearch)
        state.type("helicop")
        state.apply(.activate)
        state.apply(.matchesCounted(generation: old.generation, count: 99))
        #expect(state.message == "counting matches…", "the answer about “drills” does not describe “helicop”")
        state.apply(.matchesCounted(generation: state.countGeneration, count: 2))
        #expect(state.message == "2 matching events · n next, N previous")
        state.apply(.matchesCounted(generation: state.countGeneration, count: 1))
        #expect(state.message == "1 matching event · n next, N previous")
    }

    @Test("--search starts filtered; Esc clears the filter")
    func startFiltered() {
        var state = Fixtures.state(query: TimelineQuery(text: "helicopter"))
        #expect(state.visibleCount == 2)
        #expect(state.searchTerm == "helicopter")
        state.apply(.back)
        #expect(state.visibleCount == 13)
        #expect(state.query.text.isEmpty)
    }

    @Test("Tab cycles focus; Enter opens the detail; narrow screens zoom it")
    func focus() {
        var state = Fixtures.state(width: 80, height: 24)
        state.apply(.focusNext)
        #expect(state.focus == .detail)
        state.apply(.focusNext)
        #expect(state.focus == .quotes)
        state.apply(.focusNext)
        #expect(state.focus == .timeline)
        state.apply(.focusPrevious)
        #expect(state.focus == .quotes)
        state.apply(.back)
        #expect(state.focus == .timeline)
        state.apply(.activate)
        #expect(state.focus == .detail)
        #expect(state.zoomed)
        #expect(state.layout.mode == .zoomed)
        state.apply(.back)
        #expect(!state.zoomed && state.focus == .timeline)
        var wide = Fixtures.state(width: 160, height: 50)
        wide.apply(.activate)
        #expect(wide.focus == .detail && !wide.zoomed)
    }

    @Test("The detail pane scrolls within its text")
    func detailScroll() {
        var state = Fixtures.state(width: 80, height: 24)
        state.apply(.last, .moveUp, .focusNext) // Friendship 2017, detail focused
        state.apply(.moveDown, .moveDown)
        #expect(state.detailScroll == 2)
        state.apply(.last)
        // At 80×24 the event's text is 186 lines and the pane shows 9 of them: G stops where the
        // last line shows, the blank line under the last quote's speaker.
        #expect(state.detailScroll == 186 - 9)
        let detail = ScreenLayout.content(of: state.layout.detail)
        let rows = Renderer.render(state).lines[detail.y..<detail.maxY]
        #expect(rows[rows.endIndex - 2].contains("Georgetown University, Washington D.C."))
        #expect(rows.last?.allSatisfy { $0 == " " || $0 == "│" } == true)
        state.apply(.moveDown)
        #expect(state.detailScroll == 186 - 9, "j at the end stays there")
        state.apply(.first)
        #expect(state.detailScroll == 0)
        state.apply(.focusPrevious, .moveDown)
        #expect(state.detailScroll == 0, "a new selection starts at the top")
    }

    @Test("Quotes: the selected event's, all by speaker, and Enter follows a quote")
    func quotes() {
        var state = Fixtures.state(width: 160, height: 50)
        state.apply(.last, .moveUp) // Friendship 2017
        #expect(state.quoteItems.count == 19)
        state.apply(.toggleQuoteView)
        #expect(state.quoteMode == .allBySpeaker)
        #expect(state.quoteItems.count == 29)
        #expect(state.quoteItems[0].speaker.name == "Andrew Korybko")
        state.apply(.focusNext, .focusNext) // quotes
        #expect(state.focus == .quotes)
        // Korybko's nine, then Trump's one, then Rakisits's nineteen.
        state.apply(.last)
        #expect(state.selectedQuoteIndex == 28)
        state.apply(.first)
        for _ in 0..<9 { state.apply(.moveDown) }
        let trump = state.quoteItems[state.selectedQuoteIndex]
        #expect(trump.id == "trump-safe-havens")
        state.apply(.activate)
        #expect(state.selectedID == "trump-afghanistan-strategy-2017")
        #expect(state.focus == .timeline)
    }

    @Test("Following a quote to a filtered-out event clears the filter")
    func followQuoteThroughFilter() {
        var state = Fixtures.state(width: 160, height: 50, query: TimelineQuery(pairs: [Fixtures.pair("IND-RUS")]))
        state.apply(.toggleQuoteView, .focusNext, .focusNext, .activate)
        #expect(state.query.pairs.isEmpty)
        #expect(state.message == "filters cleared to show the quoted event")
        #expect(state.selectedID == "friendship-2017", "Korybko's first quote is about the 2017 drills")
    }

    @Test("o opens each source URL in turn, as an effect")
    func openSource() {
        var state = Fixtures.state()
        let effects = state.update(.openSource)
        #expect(effects == [.openURL("https://www.valuewalk.com/russia-pakistan-drills-superpower-alliance/")])
        #expect(state.update(.openSource) == [.openURL("https://www.dawn.com/news/1110131")])
        #expect(state.message?.hasPrefix("opening 2/2") == true)
        #expect(state.update(.openSource) == [.openURL("https://www.valuewalk.com/russia-pakistan-drills-superpower-alliance/")])
    }

    @Test("q and Ctrl-C quit; q closes the help first and is typed in a prompt or a picker")
    func quitting() {
        var state = Fixtures.state()
        #expect(state.press(.character("?")).isEmpty)
        #expect(state.press(.character("q")).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.press(.character("q")) == [.quit])
        state.apply(.beginSearch)
        #expect(state.press(.character("q")).isEmpty)
        guard case .input(let line) = state.overlay else { Issue.record("the prompt closed"); return }
        #expect(line.text == "q")
        #expect(state.press(.control("c")) == [.quit])
        state.apply(.back, .openPairPicker)
        #expect(state.press(.character("q")).isEmpty)
        guard case .picker(let picker) = state.overlay else { Issue.record("the picker closed"); return }
        #expect(picker.filter == "q")
        #expect(state.press(.control("c")) == [.quit])
    }

    @Test("Resizing re-lays out and keeps the selection in view at every size")
    func resizing() {
        var state = Fixtures.state(width: 80, height: 24)
        state.apply(.last)
        for (width, height) in [(1, 1), (39, 9), (40, 10), (40, 12), (120, 40), (400, 120), (80, 24)] {
            state.apply(.resize(width: width, height: height))
            #expect(state.selectedID == "bajwa-visit-2017")
            Screen.expectUsable(state)
        }
    }

    @Test("Mouse: a click selects a row, the wheel scrolls the pane under it")
    func mouse() {
        var state = Fixtures.state(width: 160, height: 50)
        let content = ScreenLayout.content(of: state.layout.timeline)
        // Row 0 is the 2014 separator, row 1 the embargo, row 2 the 2015 separator, row 3 the talks.
        state.apply(.mouse(MouseEvent(.press, x: content.x + 5, y: content.y + 3)))
        #expect(state.selectedID == "weapons-talks-2015")
        state.apply(.mouse(MouseEvent(.wheelDown, x: content.x + 5, y: content.y + 3)))
        #expect(state.selectedIndex == 4)
        let detail = ScreenLayout.content(of: state.layout.detail)
        state.apply(.mouse(MouseEvent(.press, x: detail.x, y: detail.y)))
        #expect(state.focus == .detail)
        var off = Fixtures.state(width: 160, height: 50, options: DisplayOptions(mouse: false))
        off.apply(.mouse(MouseEvent(.press, x: content.x + 5, y: content.y + 3)))
        #expect(off.selectedIndex == 0)
    }
}
