namespace Labs.Cluster.Schema;

/// <summary>
/// A protobuf request body that cannot be decoded: truncated, malformed, or not matching the type model.
/// The API answers it with 400 BadRequest.
/// </summary>
public sealed class ProtobufFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words a client author can act on.</param>
    /// <param name="offset">Byte offset in the request body where the problem was found.</param>
    public ProtobufFormatException(string message, long offset)
        : base($"{message} (at byte offset {offset})")
    {
        Offset = offset;
    }

    /// <summary>Creates the exception without an offset.</summary>
    public ProtobufFormatException()
    {
    }

    /// <summary>Creates the exception without an offset.</summary>
    public ProtobufFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public ProtobufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Byte offset in the request body, or -1 when unknown.</summary>
    public long Offset { get; } = -1;
}
