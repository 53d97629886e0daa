import Foundation
@testable import LanternUI

/// Colour arithmetic for the heatmap palette test: xterm palette RGB, CIELAB, CIEDE2000 and
/// simulated colour-vision deficiency.
enum ColorDifference {
    typealias RGB = (red: Double, green: Double, blue: Double)

    /// Returns the sRGB colour of an xterm palette index. Entries 0–15 differ between
    /// terminals; the values here are xterm's defaults, which is an assumption of the test.
    static func rgb(ofPaletteIndex index: Int) -> RGB {
        let basic: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let (red, green, blue) = index < 16 ? basic[index] : Palette.rgb(ofPaletteIndex: index)
        return (Double(red), Double(green), Double(blue))
    }

    /// Returns CIELAB (D65 white) of an sRGB colour with channels 0–255.
    static func lab(_ color: RGB) -> (l: Double, a: Double, b: Double) {
        let (r, g, b) = (linear(color.red), linear(color.green), linear(color.blue))
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    /// Returns the CIEDE2000 colour difference of two sRGB colours (Sharma, Wu and Dalal's
    /// formulation, with kL = kC = kH = 1).
    static func ciede2000(_ first: RGB, _ second: RGB) -> Double {
        let (l1, a1, b1) = lab(first)
        let (l2, a2, b2) = lab(second)
        let chromaMean = (hypot(a1, b1) + hypot(a2, b2)) / 2
        let g = 0.5 * (1 - sqrt(pow(chromaMean, 7) / (pow(chromaMean, 7) + pow(25, 7))))
        let (a1p, a2p) = ((1 + g) * a1, (1 + g) * a2)
        let (c1p, c2p) = (hypot(a1p, b1), hypot(a2p, b2))
        func hue(_ b: Double, _ a: Double) -> Double {
            let degrees = atan2(b, a) * 180 / .pi
            return degrees < 0 ? degrees + 360 : degrees
        }
        let (h1p, h2p) = (hue(b1, a1p), hue(b2, a2p))

        var hueDelta = 0.0
        if c1p * c2p != 0 {
            hueDelta = h2p - h1p
            if hueDelta > 180 { hueDelta -= 360 } else if hueDelta < -180 { hueDelta += 360 }
        }
        let lightnessDelta = l2 - l1
        let chromaDelta = c2p - c1p
        let hueTerm = 2 * sqrt(c1p * c2p) * sin(hueDelta * .pi / 360)

        let lightnessMean = (l1 + l2) / 2
        let chromaMeanPrime = (c1p + c2p) / 2
        var hueMean = h1p + h2p
        if c1p * c2p != 0 {
            if abs(h1p - h2p) <= 180 { hueMean /= 2 } else { hueMean = (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2 }
        }
        func cosine(_ degrees: Double) -> Double { cos(degrees * .pi / 180) }
        let t = 1 - 0.17 * cosine(hueMean - 30) + 0.24 * cosine(2 * hueMean) + 0.32 * cosine(3 * hueMean + 6)
            - 0.20 * cosine(4 * hueMean - 63)
        let rotation = 30 * exp(-pow((hueMean - 275) / 25, 2))
        let rc = 2 * sqrt(pow(chromaMeanPrime, 7) / (pow(chromaMeanPrime, 7) + pow(25, 7)))
        let sl = 1 + 0.015 * pow(lightnessMean - 50, 2) / sqrt(20 + pow(lightnessMean - 50, 2))
        let sc = 1 + 0.045 * chromaMeanPrime
        let sh = 1 + 0.015 * chromaMeanPrime * t
        let rt = -sin(2 * rotation * .pi / 180) * rc
        let (dl, dc, dh) = (lightnessDelta / sl, chromaDelta / sc, hueTerm / sh)
        return sqrt(dl * dl + dc * dc + dh * dh + rt * dc * dh)
    }

    /// Colour-vision deficiencies simulated with the severity-1.0 matrices of Machado,
    /// Oliveira and Fernandes (2009), "A Physiologically-based Model for Simulation of Color
    /// Vision Deficiency", applied to linear sRGB. Values as tabulated in colorspacious
    /// (`colorspacious/cvd.py`).
    enum Deficiency: CaseIterable {
        case protanopia
        case deuteranopia

        var matrix: [[Double]] {
            switch self {
            case .protanopia:
                return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
            case .deuteranopia:
                return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
            }
        }
    }

    /// Returns how a colour looks with `deficiency`, as sRGB 0–255.
    static func simulate(_ color: RGB, _ deficiency: Deficiency) -> RGB {
        let input = [linear(color.red), linear(color.green), linear(color.blue)]
        let output = deficiency.matrix.map { row in zip(row, input).map(*).reduce(0, +) }
        return (encoded(output[0]), encoded(output[1]), encoded(output[2]))
    }

    private static func linear(_ channel: Double) -> Double {
        let c = channel / 255
        return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }

    private static func encoded(_ linear: Double) -> Double {
        let c = min(1, max(0, linear))
        return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055)
    }
}
