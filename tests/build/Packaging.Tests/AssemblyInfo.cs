// Packages are built for Lambda on Linux and these tests check unix file modes, so they run on Linux (and macOS).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("macos")]
