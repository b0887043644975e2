// AWS credentials: plan/deploy/destroy look for them before doing any work, and stop with one sentence
// when there are none. This only checks that credentials are configured (no network call); Terraform
// reports expired or wrong ones itself. SKIP_AWS_CREDENTIALS_CHECK=true skips it (e.g. EC2 instance roles,
// which leave no trace in the environment).

const string NoCredentials =
    "No AWS credentials found: set AWS_PROFILE to a profile in ~/.aws/config (for IAM Identity Center/SSO run " +
    "`aws sso login --profile NAME` first), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or, in CI, " +
    "AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN.";

string AwsFile(string overrideVariable, string name) =>
    Env(overrideVariable) ?? System.IO.Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".aws", name);

// Settings that make a profile usable: static keys, a credential process, SSO, or a role to assume.
static readonly string[] CredentialSettings =
{
    "aws_access_key_id", "credential_process", "sso_session", "sso_start_url", "role_arn", "web_identity_token_file",
};

// True when the INI file has the profile's section ("[name]", or "[profile name]" in the config file)
// holding one of the settings above; a section with only `region` gives no credentials.
bool ProfileHasCredentials(string path, string profile)
{
    if (!System.IO.File.Exists(path))
    {
        return false;
    }
    var inProfile = false;
    foreach (var raw in System.IO.File.ReadLines(path))
    {
        var line = raw.Trim();
        if (line.StartsWith("["))
        {
            var name = System.Text.RegularExpressions.Regex.Replace(line.Trim('[', ']').Trim(), @"^profile\s+", "");
            inProfile = name == profile;
        }
        else if (inProfile && CredentialSettings.Any(setting => line.StartsWith(setting) && line.Substring(setting.Length).TrimStart().StartsWith("=")))
        {
            return true;
        }
    }
    return false;
}

// Returns where the credentials come from, or throws the one-sentence explanation.
string FindAwsCredentials()
{
    if (Env("AWS_ACCESS_KEY_ID") != null)
    {
        return Env("AWS_SECRET_ACCESS_KEY") != null
            ? "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY"
            : throw new CakeException("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; export both (plus AWS_SESSION_TOKEN for temporary credentials).");
    }

    if (Env("AWS_WEB_IDENTITY_TOKEN_FILE") is string tokenFile)
    {
        if (!System.IO.File.Exists(tokenFile) || Env("AWS_ROLE_ARN") == null)
        {
            throw new CakeException($"AWS_WEB_IDENTITY_TOKEN_FILE={tokenFile} needs the file to exist and AWS_ROLE_ARN to name the role to assume.");
        }
        return "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)";
    }

    if (Env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != null || Env("AWS_CONTAINER_CREDENTIALS_FULL_URI") != null)
    {
        return "container credentials (ECS/CodeBuild)";
    }

    var config = AwsFile("AWS_CONFIG_FILE", "config");
    var credentials = AwsFile("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    var profile = Env("AWS_PROFILE");
    if (profile != null)
    {
        return ProfileHasCredentials(config, profile) || ProfileHasCredentials(credentials, profile)
            ? $"profile {profile}"
            : throw new CakeException($"AWS_PROFILE={profile} has no credentials in {config} or {credentials}; set it up with " +
                $"`aws configure --profile {profile}` (or `aws configure sso --profile {profile}`), or unset AWS_PROFILE.");
    }

    if (ProfileHasCredentials(config, "default") || ProfileHasCredentials(credentials, "default"))
    {
        return "default profile";
    }

    var ssoCache = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(config), "sso", "cache");
    if (System.IO.Directory.Exists(ssoCache) && System.IO.Directory.EnumerateFiles(ssoCache, "*.json").Any())
    {
        return $"SSO token cache ({ssoCache})";
    }

    throw new CakeException(NoCredentials);
}

Task("aws-credentials")
    .Description("Stop early unless AWS credentials are configured")
    .Does(() =>
{
    if (string.Equals(Env("SKIP_AWS_CREDENTIALS_CHECK"), "true", StringComparison.OrdinalIgnoreCase))
    {
        Information("aws-credentials: check skipped (SKIP_AWS_CREDENTIALS_CHECK=true).");
        return;
    }
    Information("aws-credentials: using {0}.", FindAwsCredentials());
});
