/// The help screen over the panes, as `HelpLayout` lays it out.
enum HelpView {
    static func draw(into grid: inout Grid, scroll: Int, box: BoxStyle) {
        let layout = HelpLayout(width: grid.width, height: grid.height)
        guard layout.area.width >= 10, layout.area.height >= 3 else { return }
        grid.fill(layout.area)
        grid.drawBox(layout.area, title: "Help · Esc closes · j/k scroll", box: box, focused: true)
        grid.drawLines(layout.lines, in: layout.text, scroll: min(max(0, scroll), layout.maxScroll))
    }
}
