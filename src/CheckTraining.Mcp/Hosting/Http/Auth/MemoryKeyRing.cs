using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// Data protection's key ring kept in memory. Authentication brings data protection, whose start-up warms a key ring
/// and would write it, unencrypted, to ~/.aspnet/DataProtection-Keys; nothing here needs keys to outlive the process.
/// </summary>
internal sealed class MemoryKeyRing : IXmlRepository
{
    private readonly List<XElement> _keys = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_keys)
        {
            return [.. _keys.Select(k => new XElement(k))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_keys)
        {
            _keys.Add(new XElement(element));
        }
    }
}
