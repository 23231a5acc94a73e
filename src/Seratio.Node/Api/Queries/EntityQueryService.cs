using Seratio.Protocol;
using Seratio.Vm.Modules.Entities;

namespace Seratio.Node.Api.Queries;

/// <summary>
/// The queries of the entities module (docs/modules/roles-entities-altcoins.md): an entity by id, proved
/// when asked, and the entities an address controls, paged by id. InvalidArgument for bad input, NotFound
/// for unknown ids. Stateless apart from the scope; thread safe.
/// </summary>
internal sealed class EntityQueryService(QueryScope scope)
{
    public EntityResponse GetEntity(GetEntityRequest request)
    {
        if (request.Id == 0) throw ApiErrors.Invalid("id is required: entity ids start at 1");
        var at = scope.At(request.Height);
        var entity = Entities.Get(at.State, request.Id)
            ?? throw ApiErrors.NotFound($"no entity {request.Id} at height {at.Height}; check the id (ListEntities lists a controller's entities)");
        var response = new EntityResponse { Entity = entity, Height = at.Height, StateRoot = at.Root.ToByteString() };
        if (request.Prove) response.Proof = scope.Prove(EntityKeys.Entity(request.Id), at);
        return response;
    }

    /// <summary>
    /// The entities a controller controls in ascending id order; with no controller, every entity newest first, by id
    /// down from the counter (the page token is then the id the page starts at).
    /// </summary>
    public ListEntitiesResponse ListEntities(ListEntitiesRequest request)
    {
        var controller = request.Controller.Length == 0 ? (Core.Addressing.Address?)null : ApiErrors.RequireAddress(request.Controller, "controller");
        int size = Paging.Size(request.PageSize);
        ulong after = Paging.Position(request.PageToken);
        var at = scope.At(request.Height);
        var response = new ListEntitiesResponse { Height = at.Height, LastId = Entities.LastId(at.State) };
        if (controller is null)
        {
            ulong id = Paging.NewestFirstTop(request.PageToken, response.LastId);
            for (; id >= 1 && response.Entities.Count < size; id--)
                response.Entities.Add(Entities.Get(at.State, id)
                    ?? throw new InvalidDataException($"the entity counter is at {response.LastId} but state holds no entity {id}"));
            if (id >= 1) response.NextPageToken = Paging.Token(id);
            return response;
        }
        var ids = Entities.ControlledBy(at.State, controller.Value);
        int start = 0;
        while (start < ids.Count && ids[start] <= after) start++;
        for (int i = start; i < ids.Count && response.Entities.Count < size; i++)
            response.Entities.Add(Entities.Get(at.State, ids[i])
                ?? throw new InvalidDataException($"state lists entity {ids[i]} under a controller but holds no such entity"));
        if (start + response.Entities.Count < ids.Count)
            response.NextPageToken = Paging.Token(response.Entities[^1].Id);
        return response;
    }
}
