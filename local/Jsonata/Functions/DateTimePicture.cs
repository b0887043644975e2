namespace Jsonata.Functions;

internal static class DateTimePicture
{
    public static object? Format(double millis, string? picture, string? timezone) => throw new NotImplementedException();

    public static object? Parse(string timestamp, string picture) => throw new NotImplementedException();
}
