using SkiaSharp;

namespace Portal.Files;

public enum FileKind { Unknown, Jpeg, Png, Webp, Pdf }

/// <summary>Why an upload was refused; the code is translated for the UI (FilesText resx: Upload_&lt;code&gt;).</summary>
public sealed class UploadRefusedException(string code, string fileName) : Exception($"{fileName}: {code}")
{
    public string Code { get; } = code;
    public string FileName { get; } = fileName;
}

/// <summary>Checks uploads by their content, never by their name, and cleans photos.</summary>
public static class UploadCheck
{
    public static FileKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return FileKind.Jpeg;
        if (head.Length >= 8 && head[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return FileKind.Png;
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return FileKind.Webp;
        if (head.Length >= 5 && head[..5].SequenceEqual("%PDF-"u8)) return FileKind.Pdf;
        return FileKind.Unknown;
    }

    public static bool IsImage(FileKind kind) => kind is FileKind.Jpeg or FileKind.Png or FileKind.Webp;

    /// <summary>
    /// Decodes a JPEG/PNG/WebP photo, turns it upright, shrinks it to at most <paramref name="maxSide"/> pixels and
    /// re-encodes it as JPEG: EXIF, GPS and anything hidden in the file are left behind.
    /// </summary>
    public static byte[] CleanPhoto(byte[] content, string fileName, int maxSide = 2048)
    {
        if (!IsImage(Sniff(content))) throw new UploadRefusedException("NotAnImage", fileName);
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data) ?? throw new UploadRefusedException("Unreadable", fileName);
        using var decoded = SKBitmap.Decode(codec) ?? throw new UploadRefusedException("Unreadable", fileName);
        using var upright = Orient(decoded, codec.EncodedOrigin);

        var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
        using var sized = scale < 1.0
            ? upright.Resize(new SKImageInfo((int)(upright.Width * scale), (int)(upright.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            : upright.Copy();
        using var image = SKImage.FromBitmap(sized);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 85) ?? throw new UploadRefusedException("Unreadable", fileName);
        return jpeg.ToArray();
    }

    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default) return bitmap.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(swap ? bitmap.Height : bitmap.Width, swap ? bitmap.Width : bitmap.Height);
        using var canvas = new SKCanvas(result);
        switch (origin)
        {
            case SKEncodedOrigin.BottomRight: canvas.RotateDegrees(180, bitmap.Width / 2f, bitmap.Height / 2f); break;
            case SKEncodedOrigin.RightTop: canvas.Translate(result.Width, 0); canvas.RotateDegrees(90); break;
            case SKEncodedOrigin.LeftBottom: canvas.Translate(0, result.Height); canvas.RotateDegrees(270); break;
            case SKEncodedOrigin.TopRight: canvas.Scale(-1, 1, bitmap.Width / 2f, 0); break;
            case SKEncodedOrigin.BottomLeft: canvas.Scale(1, -1, 0, bitmap.Height / 2f); break;
            default: break;
        }
        canvas.DrawBitmap(bitmap, 0, 0);
        return result;
    }
}
