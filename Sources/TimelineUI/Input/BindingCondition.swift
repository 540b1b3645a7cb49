/// A condition a binding needs besides its context; the help says it beside the binding.
public enum BindingCondition: Hashable, Sendable {
    /// Only while the picker's filter is empty: after that the key is typed.
    case pickerFilterEmpty

    var help: String {
        switch self {
        case .pickerFilterEmpty: return "before typing"
        }
    }
}
