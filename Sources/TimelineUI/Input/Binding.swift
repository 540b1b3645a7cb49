/// One key table entry: keys, the action they mean in a context, and what the footer and the help say.
public struct Binding: Hashable, Sendable {
    public var keys: [Key]
    public var action: Action
    public var context: KeyContext
    /// Its item in the footer of its context (nil: not shown there).
    public var footer: FooterItem?
    /// Where the help lists it (nil: not listed), and its place in that section.
    public var helpSection: HelpSection?
    public var helpRank: Int
    public var condition: BindingCondition?
    /// What the help says when the action's own words do not fit this context.
    var says: String?

    public init(_ keys: [Key], _ action: Action, _ context: KeyContext, footer: FooterItem? = nil,
                help section: HelpSection? = nil, rank: Int = 0, when condition: BindingCondition? = nil, says: String? = nil) {
        self.keys = keys
        self.action = action
        self.context = context
        self.footer = footer
        self.helpSection = section ?? HelpSection.defaultSection(for: context)
        self.helpRank = rank
        self.condition = condition
        self.says = says
    }

    public var keyLabel: String { keys.map(\.label).joined(separator: "/") }

    /// What the help says the binding does.
    public var helpText: String { (says ?? action.help ?? "") + (condition.map { " (\($0.help))" } ?? "") }
}
