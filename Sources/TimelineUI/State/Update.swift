import TerminalText
import TimelineKit

extension AppState {
    /// Carries out one action: the only way the state changes. Side effects come back as
    /// values for the loop to run, so every behaviour here is testable without a terminal.
    @discardableResult
    public mutating func update(_ action: Action) -> [Effect] {
        let effects = carryOut(action)
        defer { queuedEffects.removeAll() }
        return effects + queuedEffects
    }

    private mutating func carryOut(_ action: Action) -> [Effect] {
        if case .resize(let width, let height) = action {
            let rulerWidth = layout.ruler.width
            self.width = max(0, width)
            self.height = max(0, height)
            if layout.mode == .wide { zoomed = false }
            if layout.ruler.width != rulerWidth { readRulerCounts() }
            keepSelectedEventInView()
            clampScrolls()
            if case .help(let scroll) = overlay { overlay = .help(scroll: min(scroll, helpMaxScroll)) }
            resizeTrend()
            return []
        }
        if case .showMessage(let text) = action {
            message = text
            return []
        }
        if case .matchesCounted(let generation, let count) = action {
            // A count for an older question (the search or filter changed since) is dropped.
            if generation == countGeneration && !searchTerm.isEmpty {
                message = count == 0 ? "no match for \(Sanitizer.line(searchTerm))"
                    : "\(count) matching \(count == 1 ? "event" : "events") · n next, N previous"
            }
            return []
        }
        if case .trendRead(let generation, let answer) = action {
            receiveTrend(generation: generation, answer: answer)
            return []
        }
        if action == .interrupt { return [.quit] }
        message = nil
        switch overlay {
        case .help(let scroll): return updateHelp(action, scroll: scroll)
        case .picker(let picker): return updatePicker(action, picker)
        case .input(let line): return updateInput(action, line)
        case nil: return trend != nil ? updateTrend(action) : updatePanes(action)
        }
    }

    private mutating func updatePanes(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown, .moveUp, .pageDown, .pageUp, .halfPageDown, .halfPageUp, .first, .last:
            navigate(action)
        case .previousYear: jumpYear(forward: false)
        case .nextYear: jumpYear(forward: true)
        case .beginDateJump: beginInput(.date)
        case .beginSearch: beginInput(.search)
        case .nextMatch:
            if focus == .quotes { findQuoteMatch(forward: true, from: selectedQuoteIndex, skipCurrent: true) } else {
                findMatch(forward: true, from: selectedIndex, skipCurrent: true)
            }
        case .previousMatch:
            if focus == .quotes { findQuoteMatch(forward: false, from: selectedQuoteIndex, skipCurrent: true) } else {
                findMatch(forward: false, from: selectedIndex, skipCurrent: true)
            }
        case .focusNext: cycleFocus(by: 1)
        case .focusPrevious: cycleFocus(by: -1)
        case .activate: activate()
        case .back: goBack()
        case .openPairPicker: openPicker(.pair)
        case .openCountryPicker: openPicker(.country)
        case .openSpeakerPicker: openPicker(.speaker)
        case .clearPairFilter, .selectAllPairs: setFilter(pairs: [], country: nil)
        case .toggleQuoteView:
            // One lookup: the pane then reads the quotes it shows, a page at a time.
            quoteMode = quoteMode == .selectedEvent ? .allBySpeaker : .selectedEvent
            readQuotes()
            selectedQuoteIndex = 0
            quoteScroll = .top
            if layout.mode != .wide { focus = .quotes }
        case .openSource: return openNextSource()
        case .toggleHelp: overlay = .help(scroll: 0)
        case .quit: return [.quit]
        case .toggleTrend: toggleTrend()
        case .mouse(let event): handleMouse(event)
        case .insert, .deleteBackward, .interrupt, .resize, .showMessage, .matchesCounted, .trendRead: break
        case .previousBucket, .nextBucket, .cycleBucket, .cycleMeasure, .removeTrendPair: break
        }
        return []
    }

    // MARK: - Focus and back

    private mutating func cycleFocus(by step: Int) {
        let panes = Pane.allCases
        let next = (focus.rawValue + step + panes.count) % panes.count
        focus = panes[next]
        if focus == .timeline { zoomed = false }
    }

    private mutating func activate() {
        switch focus {
        case .timeline:
            guard selectedRow != nil else { message = "no event selected"; return }
            focus = .detail
            if layout.mode != .wide { zoomed = true }
        case .quotes:
            followSelectedQuote()
        case .detail:
            break
        }
    }

    /// Esc and Backspace: close the zoom, then return to the timeline, then drop the search
    /// highlight, then the text filter.
    private mutating func goBack() {
        if zoomed {
            zoomed = false
            focus = .timeline
        } else if focus != .timeline {
            focus = .timeline
        } else if !searchTerm.isEmpty && searchTerm != query.text {
            searchTerm = ""
        } else if !query.text.isEmpty {
            let position = selectedRow?.position
            query.text = ""
            searchTerm = ""
            applyQuery(keepingEventAt: position)
            message = "text filter cleared"
        }
    }

    // MARK: - Filters

    mutating func setFilter(pairs: Set<CountryPair>, country: Country?) {
        let position = selectedRow?.position
        query.pairs = pairs
        query.country = country
        applyQuery(keepingEventAt: position)
        if visibleEvents.count == 0 { message = "no events match the filter" }
    }

    // MARK: - Quotes

    /// Enter on a quote selects the event it is about, clearing filters that hide it.
    private mutating func followSelectedQuote() {
        guard let quote = selectedQuote else { message = "no quote selected"; return }
        guard let target = quote.events.first else { message = "this quote is not about an event"; return }
        if indexOfPosition(target.position) == nil {
            query = TimelineQuery()
            applyQuery(keepingEventAt: target.position)
            message = "filters cleared to show the quoted event"
        }
        if let index = indexOfPosition(target.position) {
            selectedIndex = index
            let keepQuote = quoteMode == .allBySpeaker
            selectedEventChanged()
            if !keepQuote {
                // Found by its id, not by scanning the event's quotes.
                let quotes = self.quotes
                selectQuote((attempt { try quotes.index(ofQuoteID: quote.id) } ?? nil) ?? 0)
            }
        }
        focus = .timeline
        zoomed = false
    }

    /// The index of an event in `visibleEvents`, if the filters let it through.
    private mutating func indexOfPosition(_ position: Int) -> Int? {
        let visibleEvents = self.visibleEvents
        guard let index = attempt({ try visibleEvents.index(atOrAfterPosition: position) }) ?? nil,
              attempt({ try visibleEvents.rows(index..<(index + 1)) })?.first?.position == position else { return nil }
        return index
    }

    // MARK: - Sources

    private mutating func openNextSource() -> [Effect] {
        guard let event = selectedDetail else { message = "no event selected"; return [] }
        let urls = event.sources.compactMap(\.url)
        guard !urls.isEmpty else { message = "this event's sources have no URL"; return [] }
        let url = urls[sourceCursor % urls.count]
        sourceCursor += 1
        message = "opening \((sourceCursor - 1) % urls.count + 1)/\(urls.count): \(Sanitizer.line(url))"
        return [.openURL(url)]
    }

    // MARK: - Help

    /// How far the help scrolls at this size: from the layout it is drawn with.
    private var helpMaxScroll: Int { HelpLayout(width: width, height: height).maxScroll }

    private mutating func updateHelp(_ action: Action, scroll: Int) -> [Effect] {
        switch action {
        case .toggleHelp, .back: overlay = nil
        case .moveDown: overlay = .help(scroll: min(scroll + 1, helpMaxScroll))
        case .moveUp: overlay = .help(scroll: max(0, min(scroll, helpMaxScroll) - 1))
        default: break
        }
        return []
    }
}
