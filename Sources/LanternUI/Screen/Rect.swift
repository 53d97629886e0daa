/// A rectangle of grid cells: columns `x..<x+width`, rows `y..<y+height`.
struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var maxX: Int { x + width }
    var maxY: Int { y + height }
}
