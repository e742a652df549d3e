namespace VitaSense.Devices.Integrations;

/// <summary>How a vendor's token endpoint wants the client authenticated (RFC 6749 §2.3.1).</summary>
public enum TokenRequestStyle
{
    /// <summary>HTTP Basic with client id and secret (Fitbit).</summary>
    BasicAuthentication,

    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    FormParameters,
}
