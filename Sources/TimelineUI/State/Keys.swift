extension AppState {
    /// Which keys apply now.
    public var keyContext: KeyContext {
        switch overlay {
        case .help: return .help
        case .picker: return .picker
        case .input: return .input
        case nil:
            if trend != nil { return .trend }
            switch focus {
            case .timeline: return .timeline
            case .detail: return .detail
            case .quotes: return .quotes
            }
        }
    }

    /// What a key means now: the key table read in this state's context, with its bindings'
    /// conditions decided here, so the loop that reads keys needs no knowledge of them.
    public func action(for key: Key) -> Action? {
        var pickerFilterEmpty = true
        if case .picker(let picker) = overlay { pickerFilterEmpty = picker.filter.isEmpty }
        return Keymap.action(for: key, in: keyContext, pickerFilterEmpty: pickerFilterEmpty)
    }
}
