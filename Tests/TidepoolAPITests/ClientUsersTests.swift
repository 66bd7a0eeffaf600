import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("Client: users, sharing, clinics")
struct ClientUsersTests {
    @Test func patientSeesOnlyItself() async throws {
        try await Fixture.with { f in
            let client = try await f.client("patient")
            let result = try await client.accessibleAccounts()
            #expect(result.accounts.map(\.userId) == [f.account("patient").userId])
            #expect(result.accounts.first?.relations == ["self"])
        }
    }

    @Test func viewerSeesShares() async throws {
        try await Fixture.with { f in
            let client = try await f.client("viewer")
            let me = f.account("viewer").userId
            let shared = try await client.sharedUsers(userId: me)
            let zoe = f.account("patient").userId
            #expect(shared.contains { $0.userid == zoe && $0.trustorPermissions?.contains(.view) == true })
            let groups = try await client.accessGroups(userId: me)
            #expect(groups[me]?.contains(.root) == true)
            #expect(groups[zoe]?.contains(.view) == true)

            let result = try await client.accessibleAccounts()
            #expect(result.warnings.isEmpty)
            #expect(result.accounts.first?.userId == me)
            let zoeRow = try #require(result.accounts.first { $0.userId == zoe })
            #expect(zoeRow.relations == ["shared"])
            #expect(zoeRow.permissions.contains("view"))
            #expect(zoeRow.fullName == "Zoë Ångström")
            #expect(Set(result.accounts.map(\.userId)).count == result.accounts.count)
        }
    }

    @Test func clinicianSeesClinicPatientsAcrossPages() async throws {
        try await Fixture.with { f in
            let client = try await f.client("clinician")
            let me = f.account("clinician").userId
            let clinics = try await client.clinicianClinics(userId: me)
            #expect(clinics.map(\.clinic.id) == [SandboxServer.demoClinicId])
            let firstPage = try await client.clinicPatients(clinicId: SandboxServer.demoClinicId, offset: 0, limit: 3)
            #expect(firstPage.data.count == 3)
            let all = try await client.patientPages(clinicId: SandboxServer.demoClinicId, limit: 3).collect()
            #expect(all.count == 4)
            let result = try await client.accessibleAccounts()
            #expect(result.accounts.count == 5)
            #expect(result.accounts.filter { $0.relations.contains("clinic") }.allSatisfy { $0.clinics == ["Tideblob Demo Clinic"] })
        }
    }

    @Test func serviceAccountDeduplicatesSharedAndClinic() async throws {
        try await Fixture.with { f in
            let client = try await f.client("service")
            let result = try await client.accessibleAccounts()
            let ids = result.accounts.map(\.userId)
            #expect(Set(ids).count == ids.count)
            let zoe = try #require(result.accounts.first { $0.userId == f.account("patient").userId })
            #expect(zoe.relations == ["shared", "clinic"])
        }
    }
}
