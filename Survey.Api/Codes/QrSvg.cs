using QRCoder;

namespace Survey.Api.Codes;

/// <summary>QR codes as inline SVG (QRCoder): vector, so they stay sharp at any print size, and no image requests.</summary>
public static class QrSvg
{
    /// <summary>An SVG QR code of <paramref name="text"/> (error correction M: a crease or smudge on paper still scans), sized by CSS.</summary>
    public static Markup Of(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, sizingMode: SvgQRCode.SizingMode.ViewBoxAttribute);
        // The text is an address the server built from its own configuration and a code it generated; QRCoder emits
        // only rectangles/paths for the modules, never the text itself.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return Markup.TrustedSvg(svg[start..]);
    }
}
