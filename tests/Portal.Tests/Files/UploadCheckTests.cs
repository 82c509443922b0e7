using System.Text;
using Portal.Files;
using SkiaSharp;

namespace Portal.Tests.Files;

public sealed class UploadCheckTests
{
    /// <summary>A real JPEG with an EXIF segment carrying a GPS marker inserted after the start of image.</summary>
    public static byte[] JpegWithGps(int width = 64, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.OrangeRed);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        var payload = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude=39.63N GPSLongitude=118.18E");
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF; segment[1] = 0xE1;
        segment[2] = (byte)((payload.Length + 2) >> 8); segment[3] = (byte)((payload.Length + 2) & 0xFF);
        payload.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    [Fact]
    public void A_photo_is_re_encoded_without_its_exif_and_gps()
    {
        var original = JpegWithGps();
        Assert.Contains("GPSLatitude", Encoding.ASCII.GetString(original));
        var cleaned = UploadCheck.CleanPhoto(original, "photo.jpg");
        var text = Encoding.ASCII.GetString(cleaned);
        Assert.DoesNotContain("GPSLatitude", text);
        Assert.DoesNotContain("Exif", text);
        Assert.Equal(FileKind.Jpeg, UploadCheck.Sniff(cleaned));
        using var decoded = SKBitmap.Decode(cleaned);
        Assert.Equal((64, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void A_renamed_executable_is_not_a_photo()
    {
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF };
        Assert.Equal(FileKind.Unknown, UploadCheck.Sniff(exe));
        var refused = Assert.Throws<UploadRefusedException>(() => UploadCheck.CleanPhoto(exe, "photo.jpg"));
        Assert.Equal("NotAnImage", refused.Code);
    }

    [Fact]
    public void A_truncated_jpeg_is_unreadable_not_a_crash()
    {
        var broken = JpegWithGps()[..20];
        var refused = Assert.Throws<UploadRefusedException>(() => UploadCheck.CleanPhoto(broken, "broken.jpg"));
        Assert.Equal("Unreadable", refused.Code);
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileKind.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, FileKind.Png)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, FileKind.Webp)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x63, 0x72, 0x69, 0x70, 0x74 }, FileKind.Unknown)]
    public void Types_are_told_by_content(byte[] head, FileKind kind) => Assert.Equal(kind, UploadCheck.Sniff(head));
}
