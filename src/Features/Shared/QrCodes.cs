using QRCoder;

namespace Portal.Features.Shared;

/// <summary>QR codes for printed letters, notices and authenticator set-up.</summary>
public static class QrCodes
{
    public static byte[] Png(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string PngDataUri(string text, int pixelsPerModule = 6) =>
        "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
