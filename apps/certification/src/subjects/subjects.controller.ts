import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppException, Authenticated, RequestContext } from '@oversing/platform';
import { CertificationPermission as P } from '../access/role-permissions';
import { ErasureResult, SubjectErasure } from './subject-erasure';

const SUBJECT_ID = /^[A-Za-z0-9._:@-]{1,200}$/;

@ApiTags('data subjects')
@Controller('api/v1/subjects')
export class SubjectsController {
  constructor(private readonly erasure: SubjectErasure) {}

  @Post(':subjectId/erase')
  @HttpCode(200)
  @Authenticated({ permission: P.SubjectErase })
  @ApiOperation({
    summary:
      'Crypto-shred a data subject (tenant admins): destroys the key sealing their personal data in audit events and the LLM inputs and outputs certified for them; the erasure is logged and the log still verifies',
  })
  erase(@Param('subjectId') subjectId: string): Promise<ErasureResult> {
    if (!SUBJECT_ID.test(subjectId)) {
      throw AppException.validation([
        { field: 'subjectId', message: 'must be 1..200 of A-Z a-z 0-9 . _ : @ -' },
      ]);
    }
    const principal = RequestContext.principal();
    return this.erasure.erase(
      subjectId,
      principal ? { type: principal.kind, id: principal.id } : { type: 'system', id: null },
    );
  }
}
